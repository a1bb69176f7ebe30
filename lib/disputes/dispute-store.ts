import type Database from 'better-sqlite3';
import type { Dispute } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { DISPUTE_ADJUSTED, parseMemo, type StoredMemoOf } from '@/lib/ledger/vocabulary';
import { recountClaimState } from '@/lib/reconciliation/claim-states';

/** A line the claimant disputed: the asset and the amount they expect, in asset units. */
export type DisputedLine = { asset: string; expected: string };

export type DisputeRow = Dispute;

export function loadDispute(sqlite: Database.Database, disputeId: number): DisputeRow {
  const row = sqlite
    .prepare(
      `SELECT id, account_id AS accountId, claim_version AS claimVersion, status, lines, explanation,
              "references", opened_at AS openedAt, opened_tx_seq AS openedTxSeq, resolution,
              resolved_by AS resolvedBy, resolved_at AS resolvedAt, resolved_tx_seq AS resolvedTxSeq
       FROM disputes WHERE id = ?`,
    )
    .get(disputeId) as DisputeRow | undefined;
  if (!row) throw new AppError('not_found', `There is no dispute #${disputeId}.`);
  return row;
}

export function disputedLines(dispute: Pick<DisputeRow, 'lines'>): DisputedLine[] {
  const parsed: unknown = JSON.parse(dispute.lines);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((line: unknown) => {
    if (!line || typeof line !== 'object') return [];
    const { asset, expected } = line as Record<string, unknown>;
    return typeof asset === 'string' ? [{ asset, expected: String(expected ?? '') }] : [];
  });
}

export function disputeReferences(dispute: Pick<DisputeRow, 'references'>): string[] {
  const parsed: unknown = JSON.parse(dispute.references);
  return Array.isArray(parsed) ? parsed.map((r) => String(r)) : [];
}

/** The lines an adjustment set, from its ledger memo; none for a rejection or an open dispute. */
export function adjustedLines(sqlite: Database.Database, dispute: DisputeRow) {
  return adjustmentMemo(sqlite, dispute)?.lines ?? [];
}

/**
 * The memo of the ledger adjustment that resolved the dispute, in any form it was ever stored
 * (officers by email or by id, or none named); null for a rejection or an open dispute.
 */
export function adjustmentMemo(
  sqlite: Database.Database,
  dispute: DisputeRow,
): StoredMemoOf<typeof DISPUTE_ADJUSTED> | null {
  if (dispute.resolvedTxSeq === null) return null;
  const row = sqlite
    .prepare('SELECT kind, memo FROM ledger_transactions WHERE seq = ?')
    .get(dispute.resolvedTxSeq) as { kind: string; memo: string } | undefined;
  return row?.kind === DISPUTE_ADJUSTED.kind ? parseMemo(DISPUTE_ADJUSTED, row.memo) : null;
}

export function alreadyResolved(sqlite: Database.Database, dispute: DisputeRow): AppError {
  const by = dispute.resolvedBy
    ? (sqlite.prepare('SELECT email FROM users WHERE id = ?').pluck().get(dispute.resolvedBy) as
        string | undefined)
    : undefined;
  return new AppError(
    'conflict',
    `Dispute #${dispute.id} was already ${dispute.status}${by ? ` by ${by}` : ''} at ${dispute.resolvedAt}.`,
  );
}

/** Marks the dispute resolved and reopens the claim: it needs a new acknowledgment. */
export function closeDispute(
  sqlite: Database.Database,
  dispute: DisputeRow,
  resolution: {
    status: 'adjusted' | 'rejected';
    reason: string;
    resolvedBy: number;
    txSeq: number;
  },
): void {
  const now = new Date().toISOString();
  const changed = sqlite
    .prepare(
      `UPDATE disputes SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ?, resolved_tx_seq = ?
       WHERE id = ? AND status = 'open'`,
    )
    .run(
      resolution.status,
      resolution.reason,
      resolution.resolvedBy,
      now,
      resolution.txSeq,
      dispute.id,
    );
  if (changed.changes !== 1) throw new AppError('conflict', `Dispute #${dispute.id} is not open.`);
  reopenClaim(sqlite, dispute.accountId, now);
}

/** What a resolution does to the claim, as verify replays it: open again, for a new answer. */
export function reopenClaim(sqlite: Database.Database, accountId: string, now: string): void {
  // UPDATE, then INSERT without a row: an upsert's conflict clause would also govern the
  // statements of the table's triggers.
  const reopened = sqlite
    .prepare("UPDATE claim_status SET status = 'open', updated_at = ? WHERE account_id = ?")
    .run(now, accountId);
  if (reopened.changes === 0) {
    sqlite
      .prepare(
        "INSERT INTO claim_status (account_id, status, acknowledged_version, updated_at) VALUES (?, 'open', NULL, ?)",
      )
      .run(accountId, now);
  }
  recountClaimState(sqlite, accountId);
}
