import type Database from 'better-sqlite3';
import { CLAIM_ACKNOWLEDGED, parseMemo } from '@/lib/ledger/vocabulary';

export type ClaimDispute = {
  id: number;
  claimVersion: string;
  status: 'open' | 'adjusted' | 'rejected';
  lines: { asset: string; expected: string }[];
  explanation: string;
  references: string[];
  openedAt: string;
  /** Finance's reason, shown to the claimant once the dispute is resolved. */
  resolution: string | null;
  resolvedAt: string | null;
};

export type ClaimAcknowledgment = { version: string; at: string };

export type ClaimPayout = {
  asset: string;
  amountUnits: bigint;
  batchStatus: 'approved' | 'executed';
  approvedAt: string | null;
  executedAt: string | null;
  reference: string | null;
};

export type ClaimHistory = {
  acknowledgments: ClaimAcknowledgment[];
  disputes: ClaimDispute[];
  payouts: ClaimPayout[];
};

/** Bounds what one page shows; a claimant with more than this has a support case, not a page. */
const HISTORY_LIMIT = 200;

type DisputeRow = Omit<ClaimDispute, 'lines' | 'references'> & {
  lines: string;
  references: string;
};

function parseJsonArray<T>(text: string): T[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** The account's disputes, newest first, open and resolved alike. */
export function listDisputes(sqlite: Database.Database, accountId: string): ClaimDispute[] {
  const rows = sqlite
    .prepare(
      `SELECT id, claim_version AS claimVersion, status, lines, explanation, "references",
              opened_at AS openedAt, resolution, resolved_at AS resolvedAt
       FROM disputes WHERE account_id = ? ORDER BY id DESC LIMIT ${HISTORY_LIMIT}`,
    )
    .all(accountId) as DisputeRow[];
  return rows.map((row) => ({
    ...row,
    lines: parseJsonArray(row.lines),
    references: parseJsonArray(row.references),
  }));
}

/** Every acknowledgment the ledger holds for the account, oldest first (from its keys). */
export function listAcknowledgments(
  sqlite: Database.Database,
  accountId: string,
): ClaimAcknowledgment[] {
  const prefix = `ack:${accountId}:`;
  const rows = sqlite
    .prepare(
      `SELECT memo, created_at AS at FROM ledger_transactions
       WHERE idempotency_key >= ? AND idempotency_key < ? AND kind = ?
       ORDER BY seq LIMIT ${HISTORY_LIMIT}`,
    )
    .all(prefix, `ack:${accountId};`, CLAIM_ACKNOWLEDGED.kind) as { memo: string; at: string }[];
  // A memo that fits no acknowledgment was edited by hand: verify names it, the page skips it.
  return rows.flatMap((row) => {
    const memo = parseMemo(CLAIM_ACKNOWLEDGED, row.memo);
    return memo ? [{ version: memo.version, at: row.at }] : [];
  });
}

/**
 * Payout lines of approved and executed batches. Batches are few and items many, so the lookup
 * walks the batches and seeks each one's items by (batch, account) on the primary key; CROSS
 * JOIN fixes that order for SQLite's planner.
 */
export function listPayouts(sqlite: Database.Database, accountId: string): ClaimPayout[] {
  const rows = sqlite
    .prepare(
      `SELECT i.asset, i.amount_units AS amountUnits, b.status AS batchStatus,
              b.approved_at AS approvedAt, b.executed_at AS executedAt, b.reference
       FROM payout_batches b CROSS JOIN payout_items i ON i.batch_id = b.id AND i.account_id = ?
       WHERE b.status IN ('approved', 'executed')
       ORDER BY b.id LIMIT ${HISTORY_LIMIT * 10}`,
    )
    .all(accountId) as (Omit<ClaimPayout, 'amountUnits'> & { amountUnits: string })[];
  return rows.map((row) => ({ ...row, amountUnits: BigInt(row.amountUnits) }));
}

export function getClaimHistory(sqlite: Database.Database, accountId: string): ClaimHistory {
  return {
    acknowledgments: listAcknowledgments(sqlite, accountId),
    disputes: listDisputes(sqlite, accountId),
    payouts: listPayouts(sqlite, accountId),
  };
}
