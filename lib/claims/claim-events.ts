import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { CLAIM_ACKNOWLEDGED, CLAIM_DISPUTED } from '@/lib/ledger/vocabulary';
import { recountClaimState } from '@/lib/reconciliation/claim-states';
import { claimReference } from './claim-version';
import { getClaim, type Claim } from './get-claim';

// Ledger keys of a claimant's own events. The first occurrence uses the base key; a later,
// deliberate repeat (acknowledging the same version again after a dispute was resolved)
// gets `base:2`, `base:3`… so that a retry stays idempotent and a new event is still recorded.
export const acknowledgmentKey = CLAIM_ACKNOWLEDGED.key;

export const disputeKey = CLAIM_DISPUTED.key;

export function isOccurrenceOf(key: string, base: string): boolean {
  return (
    key === base || (key.startsWith(`${base}:`) && /^[0-9]+$/.test(key.slice(base.length + 1)))
  );
}

export function nextOccurrenceKey(sqlite: Database.Database, base: string): string {
  const count = sqlite
    .prepare(
      `SELECT count(*) FROM ledger_transactions
       WHERE idempotency_key = ? OR (idempotency_key >= ? AND idempotency_key < ?)`,
    )
    .pluck()
    .get(base, `${base}:`, `${base};`) as number;
  return count === 0 ? base : `${base}:${count + 1}`;
}

/** The claim as it is now, refusing when the claimant acted on a version they no longer see. */
export function currentClaimAt(
  sqlite: Database.Database,
  accountId: string,
  version: string,
): Claim {
  const claim = getClaim(sqlite, accountId);
  if (!claim) {
    throw new AppError(
      'not_found',
      'Your account is not in the snapshot, so there is no claim to act on.',
    );
  }
  if (claim.version !== version) {
    throw new AppError(
      'stale_version',
      `Your claim changed since you loaded this page: you saw ${claimReference(version)}, it is now ${claimReference(claim.version)}. Please review the new amounts, then try again.`,
    );
  }
  return claim;
}

export type OpenDisputeRow = { id: number; openedAt: string; openedKey: string };

export function findOpenDispute(
  sqlite: Database.Database,
  accountId: string,
): OpenDisputeRow | undefined {
  return sqlite
    .prepare(
      `SELECT d.id, d.opened_at AS openedAt, t.idempotency_key AS openedKey
       FROM disputes d JOIN ledger_transactions t ON t.seq = d.opened_tx_seq
       WHERE d.account_id = ? AND d.status = 'open'
       ORDER BY d.id DESC LIMIT 1`,
    )
    .get(accountId) as OpenDisputeRow | undefined;
}

export function hasNothingOwed(claim: Claim): boolean {
  return !claim.lines.some((line) => line.claimUnits > 0n);
}

/**
 * claim_status is the projection of these events; acknowledged_version survives a dispute.
 * An UPDATE, then an INSERT when there was no row: an upsert would impose its conflict handling
 * on the statements of the table's triggers. The account's claim state (what reconciliation and
 * payouts read) is recounted in the same transaction, so no page has it to do.
 */
export function markClaimStatus(
  sqlite: Database.Database,
  accountId: string,
  change: { status: 'acknowledged'; version: string } | { status: 'disputed' },
): void {
  const now = new Date().toISOString();
  const acknowledgedVersion = change.status === 'acknowledged' ? change.version : null;
  const updated = sqlite
    .prepare(
      `UPDATE claim_status SET status = ?, updated_at = ?,
         acknowledged_version = coalesce(?, acknowledged_version)
       WHERE account_id = ?`,
    )
    .run(change.status, now, acknowledgedVersion, accountId);
  if (updated.changes === 0)
    sqlite
      .prepare(
        `INSERT INTO claim_status (account_id, status, acknowledged_version, updated_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(accountId, change.status, acknowledgedVersion, now);
  recountClaimState(sqlite, accountId);
}
