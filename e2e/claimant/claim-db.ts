/**
 * The journeys' database, read beside the browser to prove what a request did or did not write.
 * `adjustClaim` and `rejectOpenDispute` stand in for the finance team's side of a claim.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import { claimAccount, PROGRAM } from '@/lib/ledger/accounts';
import { appendTransaction } from '@/lib/ledger/append';
import { e2eDatabaseFile } from '../support/journey-database';

function withDb<T>(run: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(e2eDatabaseFile());
  sqlite.pragma('busy_timeout = 10000');
  try {
    return run(sqlite);
  } finally {
    sqlite.close();
  }
}

export type ClaimRecord = {
  status: string | null;
  acknowledgedVersion: string | null;
  acknowledgments: number;
  disputes: number;
  openDisputes: number;
  audits: number;
};

/** What the database holds about one account's claim events. */
export function claimRecord(accountId: string): ClaimRecord {
  return withDb((sqlite) => {
    const count = (sql: string, ...params: string[]) =>
      sqlite
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const status = sqlite
      .prepare(
        'SELECT status, acknowledged_version AS acknowledgedVersion FROM claim_status WHERE account_id = ?',
      )
      .get(accountId) as { status: string; acknowledgedVersion: string | null } | undefined;
    return {
      status: status?.status ?? null,
      acknowledgedVersion: status?.acknowledgedVersion ?? null,
      acknowledgments: count(
        "SELECT count(*) FROM ledger_transactions WHERE kind = 'claim.acknowledged' AND json_extract(memo, '$.accountId') = ?",
        accountId,
      ),
      disputes: count(
        "SELECT count(*) FROM ledger_transactions WHERE kind = 'claim.disputed' AND json_extract(memo, '$.accountId') = ?",
        accountId,
      ),
      openDisputes: count(
        "SELECT count(*) FROM disputes WHERE account_id = ? AND status = 'open'",
        accountId,
      ),
      audits: count(
        "SELECT count(*) FROM audit_events WHERE action LIKE 'claim.%' AND subject = ?",
        `account:${accountId}`,
      ),
    };
  });
}

/** A finance adjustment of one line: the claim, and so its version, changes. */
export function adjustClaim(accountId: string, asset: string, units: bigint): void {
  withDb((sqlite) =>
    sqlite
      .transaction(() =>
        appendTransaction(
          sqlite,
          {
            idempotencyKey: `journey-adjust:${accountId}:${asset}:${units}`,
            kind: 'claim.adjusted',
            actor: 'journey',
            memo: { accountId, asset, reason: 'changed while the claimant had the page open' },
          },
          [
            { account: claimAccount(accountId), asset, amountUnits: units },
            { account: PROGRAM.adjustments, asset, amountUnits: -units },
          ],
        ),
      )
      .immediate(),
  );
}

/** Finance's answer to the account's open dispute, given as finance1 would give it. */
export function rejectOpenDispute(accountId: string, reason: string): void {
  withDb((sqlite) => {
    const disputeId = sqlite
      .prepare("SELECT id FROM disputes WHERE account_id = ? AND status = 'open'")
      .pluck()
      .get(accountId) as number;
    const actor = sqlite
      .prepare("SELECT id, email FROM users WHERE email = 'finance1@demo.test'")
      .get() as { id: number; email: string };
    rejectDispute(drizzle(sqlite, { schema }) as Db, { disputeId, reason, actor });
  });
}
