import type Database from 'better-sqlite3';
import { claimAccount, paidAccount } from '@/lib/ledger/accounts';
import { actorNames } from '@/lib/ledger/actor';

export type LedgerEntry = {
  seq: number;
  kind: string;
  at: string;
  /** As chained: `user:<id>`, `system:<name>`, or a legacy email or bare name. */
  actor: string;
  /** Who that is, for a page: the login's email, or the process's name. */
  actorName: string;
  account: string;
  asset: string;
  amountUnits: bigint;
};

export type AccountEvent = {
  at: string;
  action: string;
  actorEmail: string | null;
  detail: string | null;
};

export type AccountPayment = {
  batchId: number;
  status: string;
  asset: string;
  amountUnits: bigint;
  reference: string | null;
  executedAt: string | null;
};

export const HISTORY_LIMIT = 500;

/** Every posting to the account's claim and paid ledger accounts, newest first. */
export function accountLedger(sqlite: Database.Database, accountId: string): LedgerEntry[] {
  const rows = sqlite
    .prepare(
      `SELECT p.tx_seq AS seq, t.kind, t.created_at AS at, t.actor, p.account, p.asset, p.amount_units AS units
       FROM ledger_postings p JOIN ledger_transactions t ON t.seq = p.tx_seq
       WHERE p.account IN (?, ?) ORDER BY p.tx_seq DESC, p.account, p.asset LIMIT ?`,
    )
    .all(claimAccount(accountId), paidAccount(accountId), HISTORY_LIMIT) as (Omit<
    LedgerEntry,
    'amountUnits' | 'actorName'
  > & { units: string })[];
  const names = actorNames(
    sqlite,
    rows.map((r) => r.actor),
  );
  return rows.map(({ units, ...r }) => ({
    ...r,
    actorName: names.get(r.actor) ?? r.actor,
    amountUnits: BigInt(units),
  }));
}

/** What the claimant and staff did about the account (acknowledgments, disputes, resolutions). */
export function accountEvents(sqlite: Database.Database, accountId: string): AccountEvent[] {
  return sqlite
    .prepare(
      `SELECT at, action, actor_email AS actorEmail, detail FROM audit_events
       WHERE subject = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(`account:${accountId}`, HISTORY_LIMIT) as AccountEvent[];
}

/** The account's lines in payout batches, newest batch first. */
export function accountPayments(sqlite: Database.Database, accountId: string): AccountPayment[] {
  const rows = sqlite
    .prepare(
      `SELECT i.batch_id AS batchId, b.status, i.asset, i.amount_units AS units, b.reference,
              b.executed_at AS executedAt
       FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id
       WHERE i.account_id = ? ORDER BY i.batch_id DESC, i.asset LIMIT ?`,
    )
    .all(accountId, HISTORY_LIMIT) as (Omit<AccountPayment, 'amountUnits'> & { units: string })[];
  return rows.map(({ units, ...r }) => ({ ...r, amountUnits: BigInt(units) }));
}
