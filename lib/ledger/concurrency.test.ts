import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { getClaim } from '@/lib/claims/get-claim';
import { createBatch } from '@/lib/payouts/create-batch';
import {
  acknowledge,
  booksReconcile,
  claimant,
  clean,
  count,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from '@/lib/payouts/finance-fixture';
import {
  bundleRacer,
  race,
  startProcesses,
  startThreads,
  stopRacers,
  type Attempt,
  type Racer,
} from '@/lib/testing/race';

const FINANCE_3: StaffActor = { id: 4, email: 'finance3@example.test' };

// Two ways to race fifty attempts: fifty threads with a connection and one attempt each; five
// processes (app servers sharing the WAL file) with a connection and ten attempts each.
const SETUPS = [
  { name: '50 threads', threads: 50, processes: 0, each: 1 },
  { name: '5 processes × 10 attempts', threads: 0, processes: 5, each: 10 },
] as const;

type Setup = (typeof SETUPS)[number];

const racers = new Map<Setup, Racer[]>();
let bundle = '';

beforeAll(async () => {
  bundle = await bundleRacer();
  for (const setup of SETUPS) {
    racers.set(setup, [
      ...startThreads(bundle, setup.threads),
      ...startProcesses(bundle, setup.processes),
    ]);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([...racers.values()].map(stopRacers));
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
});

/** Rows an accepted request appends: one ledger transaction (of its kind) and one audit row. */
function appended(db: Db, kind: string) {
  return {
    transactions: count(db, 'SELECT count(*) FROM ledger_transactions'),
    ofKind: count(db, 'SELECT count(*) FROM ledger_transactions WHERE kind = ?', kind),
    audits: count(db, 'SELECT count(*) FROM audit_events'),
  };
}

/**
 * Races fifty attempts and checks that exactly one was appended and the books still reconcile.
 * Returns how the attempts ended: a test expects every one accounted for, so an SQLITE_BUSY (or
 * any error other than a refusal) that escaped shows up as an `error:` outcome.
 */
async function raceOn(setup: Setup, db: Db, attempt: Attempt, kind: string) {
  const before = appended(db, kind);
  const tally = await race(racers.get(setup) ?? [], {
    file: db.$client.name,
    attempt,
    each: setup.each,
  });
  expect(appended(db, kind)).toEqual({
    transactions: before.transactions + 1,
    ofKind: before.ofKind + 1,
    audits: before.audits + 1,
  });
  expect(booksReconcile(db)).toEqual(clean);
  return tally;
}

function versionOf(db: Db, accountId: string): string {
  const claim = getClaim(db.$client, accountId);
  if (!claim) throw new Error(`no claim for ${accountId}`);
  return claim.version;
}

function disputeOfAcctC(db: Db, distinct: boolean): Attempt {
  return {
    kind: 'dispute',
    accountId: 'acct-c',
    version: versionOf(db, 'acct-c'),
    lines: [{ asset: 'ETH', expected: '3' }],
    explanation: 'My balance before the hack was higher than this.',
    references: ['0xdeadbeef'],
    actor: claimant('acct-c'),
    distinct,
  };
}

/** Two acknowledged claims: lines a payout batch can take. */
async function payableFixture(): Promise<Db> {
  const db = await financeFixture();
  acknowledge(db, 'acct-a');
  acknowledge(db, 'acct-b');
  return db;
}

for (const setup of SETUPS) {
  describe(`50 requests racing from ${setup.name}`, () => {
    it('record one acknowledgment of a claim version and answer the rest as already done', async () => {
      // An acknowledgment carries no request id: the claim version is its only input.
      const db = await financeFixture();
      const version = versionOf(db, 'acct-a');
      const attempt: Attempt = {
        kind: 'acknowledge',
        accountId: 'acct-a',
        version,
        actor: claimant('acct-a'),
      };
      expect(await raceOn(setup, db, attempt, 'claim.acknowledged')).toEqual({
        appended: 1,
        replayed: 49,
      });
      const status = db.$client
        .prepare('SELECT status, acknowledged_version FROM claim_status WHERE account_id = ?')
        .raw()
        .get('acct-a');
      expect(status).toEqual(['acknowledged', version]);
    });

    it('open one dispute for the same dispute sent fifty times', async () => {
      const db = await financeFixture();
      expect(await raceOn(setup, db, disputeOfAcctC(db, false), 'claim.disputed')).toEqual({
        appended: 1,
        replayed: 49,
      });
      expect(count(db, "SELECT count(*) FROM disputes WHERE account_id = 'acct-c'")).toBe(1);
    });

    it('open one of fifty different disputes of one version and refuse the others', async () => {
      // A dispute is keyed by its content, so these are fifty requests, not one sent fifty
      // times; one dispute at a time may be open per account.
      const db = await financeFixture();
      expect(await raceOn(setup, db, disputeOfAcctC(db, true), 'claim.disputed')).toEqual({
        appended: 1,
        'refused:conflict': 49,
      });
      expect(count(db, "SELECT count(*) FROM disputes WHERE account_id = 'acct-c'")).toBe(1);
    });

    it('create one payout batch from one form sent fifty times', async () => {
      const db = await payableFixture();
      const attempt: Attempt = {
        kind: 'create',
        requestId: requestId(),
        actor: FINANCE_1,
        distinct: false,
      };
      expect(await raceOn(setup, db, attempt, 'payout.batch_created')).toEqual({
        appended: 1,
        replayed: 49,
      });
      expect(count(db, 'SELECT count(*) FROM payout_batches')).toBe(1);
    });

    it('create one payout batch from fifty different forms and refuse the others', async () => {
      // Each form has its own request id; every line is in the first batch, so no other has any.
      const db = await payableFixture();
      const attempt: Attempt = {
        kind: 'create',
        requestId: requestId(),
        actor: FINANCE_1,
        distinct: true,
      };
      expect(await raceOn(setup, db, attempt, 'payout.batch_created')).toEqual({
        appended: 1,
        'refused:conflict': 49,
      });
      expect(count(db, 'SELECT count(*) FROM payout_batches')).toBe(1);
    });

    const approvals = [
      { approvers: [FINANCE_2], name: "another finance user's approval arrives fifty times" },
      { approvers: [FINANCE_2, FINANCE_3], name: 'two other finance users approve it together' },
    ];
    for (const { approvers, name } of approvals) {
      it(`approve a batch once when ${name}`, async () => {
        const db = await payableFixture();
        const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
        const attempt: Attempt = { kind: 'approve', batchId, approvers };
        expect(await raceOn(setup, db, attempt, 'payout.batch_approved')).toEqual({
          appended: 1,
          replayed: 49,
        });
        const batch = db.$client
          .prepare('SELECT status, approved_by AS approvedBy FROM payout_batches WHERE id = ?')
          .get(batchId) as { status: string; approvedBy: number };
        expect(batch.status).toBe('approved');
        expect(approvers.map((a) => a.id)).toContain(batch.approvedBy);
      });
    }
  });
}
