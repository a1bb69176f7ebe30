import type Database from 'better-sqlite3';
import type { PayoutBatch } from '@/db/schema';
import { parsePrice, usdValue } from '@/lib/money';

export const BATCH_STATUSES_SHOWN = ['pending', 'approved', 'executed', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES_SHOWN)[number];

export type BatchSummary = Pick<
  PayoutBatch,
  'id' | 'status' | 'assetFilter' | 'lineCount' | 'createdAt' | 'reference'
> & { createdByEmail: string | null; approvedByEmail: string | null; assets: number };

export const BATCHES_PAGE = 25;

const WHO = `(SELECT email FROM users WHERE id = b.created_by) AS createdByEmail,
  (SELECT email FROM users WHERE id = b.approved_by) AS approvedByEmail,
  (SELECT email FROM users WHERE id = b.executed_by) AS executedByEmail,
  (SELECT email FROM users WHERE id = b.cancelled_by) AS cancelledByEmail`;

/** One page of batches, newest first (keyset by id). */
export function listBatches(
  sqlite: Database.Database,
  filter: { status?: BatchStatus; before?: number },
): { rows: BatchSummary[]; nextBefore: number | null } {
  const rows = sqlite
    .prepare(
      `SELECT b.id, b.status, b.asset_filter AS assetFilter, b.line_count AS lineCount,
              b.created_at AS createdAt, b.reference, ${WHO},
              (SELECT count(*) FROM payout_batch_totals t WHERE t.batch_id = b.id) AS assets
       FROM payout_batches b
       WHERE (@status IS NULL OR b.status = @status) AND (@before IS NULL OR b.id < @before)
       ORDER BY b.id DESC LIMIT @limit`,
    )
    .all({
      status: filter.status ?? null,
      before: filter.before ?? null,
      limit: BATCHES_PAGE + 1,
    }) as BatchSummary[];
  const page = rows.slice(0, BATCHES_PAGE);
  return { rows: page, nextBefore: rows.length > BATCHES_PAGE ? (page.at(-1)?.id ?? null) : null };
}

export type BatchTotal = {
  asset: string;
  decimals: number;
  lines: number;
  units: bigint;
  usdValue: string | null;
};

export type BatchDetail = PayoutBatch & {
  createdByEmail: string | null;
  approvedByEmail: string | null;
  executedByEmail: string | null;
  cancelledByEmail: string | null;
  totals: BatchTotal[];
};

export function batchDetail(sqlite: Database.Database, batchId: number): BatchDetail | null {
  const batch = sqlite
    .prepare(
      `SELECT b.id, b.status, b.asset_filter AS assetFilter, b.line_count AS lineCount,
              b.created_by AS createdBy, b.created_at AS createdAt, b.approved_by AS approvedBy,
              b.approved_at AS approvedAt, b.executed_by AS executedBy, b.executed_at AS executedAt,
              b.reference, b.cancelled_by AS cancelledBy, b.cancelled_at AS cancelledAt,
              b.cancel_reason AS cancelReason, b.request_id AS requestId, ${WHO}
       FROM payout_batches b WHERE b.id = ?`,
    )
    .get(batchId) as Omit<BatchDetail, 'totals'> | undefined;
  if (!batch) return null;
  const totals = sqlite
    .prepare(
      `SELECT t.asset, a.decimals, a.usd_price AS usdPrice, t.lines, t.units
       FROM payout_batch_totals t JOIN assets a ON a.asset = t.asset
       WHERE t.batch_id = ? ORDER BY t.asset`,
    )
    .all(batchId) as {
    asset: string;
    decimals: number;
    usdPrice: string | null;
    lines: number;
    units: string;
  }[];
  return {
    ...batch,
    totals: totals.map((t) => ({
      asset: t.asset,
      decimals: t.decimals,
      lines: t.lines,
      units: BigInt(t.units),
      usdValue:
        t.usdPrice === null ? null : usdValue(BigInt(t.units), t.decimals, parsePrice(t.usdPrice)),
    })),
  };
}

export type BatchItemRow = {
  accountId: string;
  email: string | null;
  asset: string;
  decimals: number;
  chains: string;
  amountUnits: bigint;
};

export const ITEMS_PAGE = 100;

/** Items of a batch in (account, asset) order after a cursor; keyset paged. */
export function batchItems(
  sqlite: Database.Database,
  batchId: number,
  options: { after?: { accountId: string; asset: string } | null; limit?: number } = {},
): { rows: BatchItemRow[]; next: { accountId: string; asset: string } | null } {
  const limit = options.limit ?? ITEMS_PAGE;
  const after = options.after ?? { accountId: '', asset: '' };
  const rows = sqlite
    .prepare(
      `SELECT i.account_id AS accountId, ac.email, i.asset, a.decimals, a.chains, i.amount_units AS units
       FROM payout_items i
       JOIN assets a ON a.asset = i.asset
       LEFT JOIN accounts ac ON ac.id = i.account_id
       WHERE i.batch_id = ? AND (i.account_id, i.asset) > (?, ?)
       ORDER BY i.account_id, i.asset LIMIT ?`,
    )
    .all(batchId, after.accountId, after.asset, limit + 1) as (Omit<BatchItemRow, 'amountUnits'> & {
    units: string;
  })[];
  const page = rows
    .slice(0, limit)
    .map(({ units, ...r }) => ({ ...r, amountUnits: BigInt(units) }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { accountId: last.accountId, asset: last.asset } : null,
  };
}
