import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import { AppError } from '@/lib/errors';
import { approveBatch } from './approve-batch';
import { cancelBatch } from './cancel-batch';
import { createBatch } from './create-batch';
import { executeBatch } from './execute-batch';
import {
  adjustClaim,
  ACCOUNTS,
  acknowledge,
  booksReconcile,
  dispute,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from './finance-fixture';

const account = fc.constantFrom(...ACCOUNTS);
const finance = fc.constantFrom(FINANCE_1, FINANCE_2);
// Which batch a step acts on: the latest one, the one before, …
const batch = fc.integer({ min: 0, max: 2 });

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('acknowledge' as const), account }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dispute' as const), account }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      amount: fc.constantFrom('0', '0.1', '1', '2.5', '4'),
      reject: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      asset: fc.constantFrom(undefined, 'BTC', 'ETH'),
      actor: finance,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('approve' as const), batch, actor: finance }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('execute' as const), batch, actor: finance }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancel' as const), batch, actor: finance }),
  },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const DISPUTED_ASSET: Record<(typeof ACCOUNTS)[number], string> = {
  'acct-a': 'BTC',
  'acct-b': 'BTC',
  'acct-c': 'ETH',
  'acct-d': 'BTC',
};

/** The step's batch: preferably one it can act on, else any (to exercise the refusals). */
function batchId(db: Db, offset: number, statuses: string[]): number {
  const pick = (sql: string) =>
    db.$client
      .prepare(sql)
      .pluck()
      .get(...statuses, offset) as number | undefined;
  const marks = statuses.map(() => '?').join(', ');
  return (
    pick(
      `SELECT id FROM payout_batches WHERE status IN (${marks}) ORDER BY id DESC LIMIT 1 OFFSET ?`,
    ) ??
    pick(
      `SELECT id FROM payout_batches WHERE status NOT IN (${marks}) ORDER BY id DESC LIMIT 1 OFFSET ?`,
    ) ??
    1
  );
}

function run(db: Db, s: Step): void {
  switch (s.kind) {
    case 'acknowledge':
      return acknowledge(db, s.account);
    case 'dispute':
      dispute(db, s.account, DISPUTED_ASSET[s.account], '9');
      return;
    case 'resolve': {
      const open = db.$client
        .prepare("SELECT id, account_id AS accountId FROM disputes WHERE status = 'open' LIMIT 1")
        .get() as { id: number; accountId: (typeof ACCOUNTS)[number] } | undefined;
      if (!open) return;
      if (s.reject) rejectDispute(db, { disputeId: open.id, reason: 'No', actor: FINANCE_1 });
      else
        adjustClaim(db, {
          disputeId: open.id,
          lines: [{ asset: DISPUTED_ASSET[open.accountId], amount: s.amount }],
          reason: 'Adjusted',
          actor: FINANCE_2,
        });
      return;
    }
    case 'create':
      createBatch(db, { requestId: requestId(), asset: s.asset, actor: s.actor });
      return;
    case 'approve':
      approveBatch(db, { batchId: batchId(db, s.batch, ['pending']), actor: s.actor });
      return;
    case 'execute':
      executeBatch(db, {
        batchId: batchId(db, s.batch, ['approved']),
        reference: '0xabc',
        actor: s.actor,
      });
      return;
    case 'cancel':
      cancelBatch(db, {
        batchId: batchId(db, s.batch, ['pending', 'approved']),
        reason: 'Property test',
        actor: s.actor,
      });
      return;
  }
}

/** Per line: what is paid plus what a live batch will pay never exceeds what is owed. */
function overcommitted(db: Db): string[] {
  const rows = db.$client
    .prepare(
      `SELECT c.account, c.asset, c.units AS owed, p.units AS paid, i.amount_units AS live
       FROM ledger_balances c
       LEFT JOIN ledger_balances p ON p.account = 'paid:' || substr(c.account, 7) AND p.asset = c.asset
       LEFT JOIN payout_items i ON i.account_id = substr(c.account, 7) AND i.asset = c.asset AND i.live = 1
       WHERE c.account LIKE 'claim:%'`,
    )
    .all() as {
    account: string;
    asset: string;
    owed: string;
    paid: string | null;
    live: string | null;
  }[];
  return rows
    .filter((r) => BigInt(r.paid ?? '0') + BigInt(r.live ?? '0') > BigInt(r.owed))
    .map((r) => `${r.account} ${r.asset}`);
}

describe('any sequence of claimant and finance steps', () => {
  it('keeps paid within owed, one live batch per line, and the books verifiable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 50 }), async (steps) => {
        const db = await financeFixture();
        for (const s of steps) {
          try {
            run(db, s);
          } catch (error) {
            // Refusals (four eyes, nothing eligible, not approved, …) are expected; nothing else.
            if (!(error instanceof AppError)) throw error;
          }
          expect(overcommitted(db)).toEqual([]);
        }
        expect(booksReconcile(db)).toEqual({ ledger: null, claimStates: null });
        db.$client.close();
      }),
      { numRuns: 60 },
    );
  });
});
