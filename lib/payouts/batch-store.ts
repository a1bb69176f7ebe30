import type Database from 'better-sqlite3';
import type { PayoutBatch } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Batches larger than this are split: each stays small enough to review and pay. */
export const MAX_BATCH_LINES = 20_000;

export type BatchRow = PayoutBatch;

export type BatchItem = { accountId: string; asset: string; amountUnits: bigint };

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    batch: sqlite.prepare(
      `SELECT id, status, asset_filter AS assetFilter, line_count AS lineCount,
              created_by AS createdBy, created_at AS createdAt, approved_by AS approvedBy,
              approved_at AS approvedAt, executed_by AS executedBy, executed_at AS executedAt,
              reference, cancelled_by AS cancelledBy, cancelled_at AS cancelledAt,
              cancel_reason AS cancelReason, request_id AS requestId
       FROM payout_batches WHERE id = ?`,
    ),
    liveItems: sqlite
      .prepare(
        'SELECT account_id, asset, amount_units FROM payout_items WHERE batch_id = ? AND live = 1 ORDER BY account_id, asset',
      )
      .raw(),
    totals: sqlite
      .prepare('SELECT asset, units FROM payout_batch_totals WHERE batch_id = ? ORDER BY asset')
      .raw(),
    endItems: sqlite.prepare('UPDATE payout_items SET live = 0 WHERE batch_id = ? AND live = 1'),
  };
}

function batchStatements(sqlite: Database.Database) {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    cached = prepare(sqlite);
    statementCache.set(sqlite, cached);
  }
  return cached;
}

/** The batch, or AppError('not_found'). */
export function loadBatch(sqlite: Database.Database, batchId: number): BatchRow {
  const batch = batchStatements(sqlite).batch.get(batchId) as BatchRow | undefined;
  if (!batch) throw new AppError('not_found', `There is no payout batch #${batchId}.`);
  return batch;
}

export function liveItems(sqlite: Database.Database, batchId: number): BatchItem[] {
  const rows = batchStatements(sqlite).liveItems.all(batchId) as [string, string, string][];
  return rows.map(([accountId, asset, units]) => ({
    accountId,
    asset,
    amountUnits: BigInt(units),
  }));
}

/** Per-asset totals as strings of units, the form ledger memos carry. */
export function batchTotalsMemo(
  sqlite: Database.Database,
  batchId: number,
): Record<string, string> {
  const rows = batchStatements(sqlite).totals.all(batchId) as [string, string][];
  return Object.fromEntries(rows);
}

/** Takes the batch's items out of the live set, freeing their lines. */
export function endLiveItems(sqlite: Database.Database, batchId: number): void {
  batchStatements(sqlite).endItems.run(batchId);
}
