/** Test helper: a small imported snapshot whose claims the claim tests act on. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '@/lib/auth/authenticate';
import type { Db } from '@/db/client';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import { executorFor } from './executor';
import { appendClaimAdjustment } from '@/lib/testing/claim-adjustment';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { tempDb } from '@/lib/testing/temp-db';

const FILES = {
  'manifest.json': JSON.stringify({
    program: 'Exchange "Recovery", 2025',
    snapshotAt: '2025-03-14T23:59:59Z',
    coverage: '1',
    coverageOverrides: { DOGE: '0.9' },
  }),
  'assets.csv': [
    'asset,name,decimals,chains',
    'BTC,Bitcoin,8,chain-001',
    'ETH,Ether,18,chain-002',
    'DOGE,Dogecoin,8,chain-003',
    'NOPR,Unpriced token,6,chain-004',
    '',
  ].join('\n'),
  'prices.csv': ['asset,usd_price', 'BTC,67012.55', 'ETH,3456.78', 'DOGE,0.1234', ''].join('\n'),
  'accounts.csv': [
    'account_id,email',
    'acct-a,a@example.test',
    'acct-b,b@example.test',
    'acct-zero,zero@example.test',
    '',
  ].join('\n'),
  'balances.csv': [
    'account_id,asset,balance',
    'acct-a,BTC,1.23456789',
    'acct-a,ETH,123456789012.123456789012345678',
    'acct-a,DOGE,10000.12345679',
    'acct-a,NOPR,5',
    'acct-b,BTC,0.5',
    'acct-zero,BTC,0',
    '',
  ].join('\n'),
};

export const CLAIMANT_A: SessionUser = {
  id: 101,
  email: 'a@example.test',
  role: 'claimant',
  accountId: 'acct-a',
};

export async function claimFixture() {
  const db = tempDb('mw-claims-');
  const dir = await mkdtemp(join(tmpdir(), 'mw-claims-bundle-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  await importBundle(db, { dir, actor: 'test' });
  return db;
}

type Sqlite = ReturnType<typeof tempDb>['$client'];

/** What finance's adjustment does to the ledger: the claim changes, so does its version. */
export function adjustClaim(sqlite: Sqlite, accountId: string, asset: string, units: bigint) {
  sqlite.transaction(() =>
    appendClaimAdjustment(sqlite, {
      idempotencyKey: `test-adjust:${accountId}:${asset}:${units}`,
      accountId,
      asset,
      deltaUnits: units,
    }),
  )();
}

/** Finance rejects the dispute, as the finance pages do: the claim needs a new answer. */
export function rejectOpenDispute(sqlite: Sqlite, disputeId: number, reason: string) {
  rejectDispute(executorFor(sqlite) as Db, { disputeId, reason, actor: FINANCE_OFFICER });
}

const FINANCE_OFFICER = { id: 900, email: 'finance@example.test' };

/** Rows a claimant's action may write, to prove a refused one wrote none. */
export function writtenRows(sqlite: Sqlite) {
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  return {
    transactions: count('SELECT count(*) FROM ledger_transactions'),
    disputes: count('SELECT count(*) FROM disputes'),
    statuses: count('SELECT count(*) FROM claim_status'),
    audits: count("SELECT count(*) FROM audit_events WHERE action LIKE 'claim.%'"),
  };
}
