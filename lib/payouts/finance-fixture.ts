/** Test helper: a small imported snapshot and the claimant and finance steps the tests act out. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import type { SessionUser } from '@/lib/auth/authenticate';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { AppError } from '@/lib/errors';
import { getClaim } from '@/lib/claims/get-claim';
import { openDispute } from '@/lib/claims/open-dispute';
import { approveAdjustment } from '@/lib/disputes/approve-adjustment';
import type { ResolutionResult } from '@/lib/disputes/adjust-claim';
import { proposeAdjustment } from '@/lib/disputes/propose-adjustment';
import type { AdjustClaimInput } from '@/lib/disputes/schemas';
import { verifyLedger } from '@/lib/ledger/verify';
import { checkClaimStates } from '@/lib/reconciliation/check-claim-states';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { tempDb } from '@/lib/testing/temp-db';

const FILES = {
  'manifest.json': JSON.stringify({
    program: 'Finance test program',
    snapshotAt: '2025-03-14T23:59:59Z',
    coverage: '1',
    coverageOverrides: { DOGE: '0.9' },
  }),
  'assets.csv': [
    'asset,name,decimals,chains',
    'BTC,Bitcoin,8,chain-001',
    'ETH,Ether,18,chain-002',
    'DOGE,Dogecoin,8,chain-003',
    '',
  ].join('\n'),
  'prices.csv': ['asset,usd_price', 'BTC,67012.55', 'ETH,3456.78', 'DOGE,0.1234', ''].join('\n'),
  'accounts.csv': [
    'account_id,email',
    'acct-a,a@example.test',
    'acct-b,b@example.test',
    'acct-c,c@example.test',
    'acct-d,d@example.test',
    '',
  ].join('\n'),
  'balances.csv': [
    'account_id,asset,balance',
    'acct-a,BTC,1.5',
    'acct-a,ETH,123456789012.123456789012345678',
    'acct-b,BTC,0.25',
    'acct-c,ETH,2',
    'acct-c,DOGE,100.5',
    'acct-d,BTC,3',
    '',
  ].join('\n'),
};

export const ACCOUNTS = ['acct-a', 'acct-b', 'acct-c', 'acct-d'] as const;

export const FINANCE_1: StaffActor = { id: 2, email: 'finance1@example.test' };
export const FINANCE_2: StaffActor = { id: 3, email: 'finance2@example.test' };

export async function financeFixture(): Promise<Db> {
  const db = tempDb('mw-finance-');
  const dir = await mkdtemp(join(tmpdir(), 'mw-finance-bundle-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  await importBundle(db, { dir, actor: 'test' });
  return db;
}

export function claimant(accountId: string): SessionUser {
  return {
    id: 1000 + accountId.charCodeAt(5),
    email: `${accountId}@example.test`,
    role: 'claimant',
    accountId,
  };
}

/** The claimant acknowledges the version of the claim they see now. */
export function acknowledge(db: Db, accountId: string): void {
  const claim = getClaim(db.$client, accountId);
  if (!claim) throw new Error(`no claim for ${accountId}`);
  acknowledgeClaim(db.$client, { accountId, version: claim.version, actor: claimant(accountId) });
}

/** The claimant disputes one line, expecting `expected` (plain decimal in asset units). */
export function dispute(db: Db, accountId: string, asset: string, expected: string): number {
  const claim = getClaim(db.$client, accountId);
  if (!claim) throw new Error(`no claim for ${accountId}`);
  return openDispute(db.$client, {
    accountId,
    version: claim.version,
    lines: [{ asset, expected }],
    explanation: 'My balance before the hack was higher than this.',
    references: ['0xdeadbeef'],
    actor: claimant(accountId),
  }).disputeId;
}

export function units(db: Db, account: string, asset: string): bigint {
  const text = db.$client
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck()
    .get(account, asset) as string | undefined;
  return BigInt(text ?? '0');
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

/** The ledger verifies and the claim-state projection equals its recomputation. */
export function booksReconcile(db: Db): { ledger: string | null; claimStates: string | null } {
  return {
    ledger: verifyLedger(db.$client).firstProblem,
    claimStates: checkClaimStates(db.$client).problem,
  };
}

let requestCounter = 0;

/** A fresh form request id (a UUID). */
export function requestId(): string {
  requestCounter += 1;
  return `00000000-0000-4000-8000-${requestCounter.toString().padStart(12, '0')}`;
}

export const TX = 'SELECT count(*) FROM ledger_transactions';

/** What a clean book reports: no ledger problem, no claim-state drift. */
export const clean = { ledger: null, claimStates: null };

/** The AppError a refused domain call throws (anything else fails the test). */
export function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** An adjustment as two officers make it: `actor` proposes, the other finance user approves. */
export function adjustClaim(
  db: Db,
  input: AdjustClaimInput & { actor: StaffActor },
): ResolutionResult {
  const proposal = proposeAdjustment(db, input);
  if (proposal.proposalId === null) {
    const txSeq = db.$client
      .prepare('SELECT resolved_tx_seq FROM disputes WHERE id = ?')
      .pluck()
      .get(proposal.disputeId) as number;
    return { disputeId: proposal.disputeId, txSeq, replayed: true };
  }
  const approver = input.actor.id === FINANCE_1.id ? FINANCE_2 : FINANCE_1;
  return approveAdjustment(db, { proposalId: proposal.proposalId, actor: approver });
}
