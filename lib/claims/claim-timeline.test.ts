import { describe, expect, it } from 'vitest';
import { paidAccount, PROGRAM } from '@/lib/ledger/accounts';
import { appendTransaction } from '@/lib/ledger/append';
import { acknowledgeClaim } from './acknowledge-claim';
import { getClaimHistory } from './claim-history';
import { CLAIMANT_A, claimFixture, rejectOpenDispute } from './claim-fixture';
import { claimTimeline } from './claim-timeline';
import { getClaim } from './get-claim';
import { openDispute } from './open-dispute';

type Sqlite = Awaited<ReturnType<typeof claimFixture>>['$client'];

const timeline = (sqlite: Sqlite) => {
  const claim = getClaim(sqlite, 'acct-a')!;
  return claimTimeline(claim, getClaimHistory(sqlite, 'acct-a'));
};

const states = (sqlite: Sqlite) => timeline(sqlite).map((step) => `${step.key}:${step.state}`);

/** An executed payout of every outstanding unit of acct-a, as finance records it. */
function payEverything(sqlite: Sqlite) {
  const claim = getClaim(sqlite, 'acct-a')!;
  sqlite.transaction(() => {
    const batch = sqlite
      .prepare(
        `INSERT INTO payout_batches (status, line_count, created_by, created_at, approved_by,
           approved_at, executed_by, executed_at, reference)
         VALUES ('executed', ?, 1, '2025-04-01T10:00:00.000Z', 2, '2025-04-01T11:00:00.000Z', 1,
           '2025-04-02T09:30:00.000Z', 'wallet-tx-77')`,
      )
      .run(claim.lines.length).lastInsertRowid;
    for (const line of claim.lines) {
      sqlite
        .prepare(
          'INSERT INTO payout_items (batch_id, account_id, asset, amount_units, live) VALUES (?, ?, ?, ?, 0)',
        )
        .run(batch, 'acct-a', line.asset, line.outstandingUnits.toString());
    }
    appendTransaction(
      sqlite,
      { idempotencyKey: 'test-payout', kind: 'payout.executed', actor: 'test', memo: {} },
      claim.lines.flatMap((line) => [
        { account: paidAccount('acct-a'), asset: line.asset, amountUnits: line.outstandingUnits },
        { account: PROGRAM.payouts, asset: line.asset, amountUnits: -line.outstandingUnits },
      ]),
    );
  })();
}

describe("the claim's timeline", () => {
  it('starts at the snapshot and waits for the claimant', async () => {
    const { $client: sqlite } = await claimFixture();
    expect(states(sqlite)).toEqual([
      'snapshot:done',
      'response:current',
      'resolution:skipped',
      'payout:upcoming',
      'paid:upcoming',
    ]);
    expect(timeline(sqlite)[0]).toMatchObject({ at: '2025-03-14T23:59:59Z' });
  });

  it('follows a dispute, its answer and a new acknowledgment', async () => {
    const { $client: sqlite } = await claimFixture();
    const version = getClaim(sqlite, 'acct-a')!.version;
    const { disputeId } = openDispute(sqlite, {
      accountId: 'acct-a',
      version,
      lines: [{ asset: 'BTC', expected: '2' }],
      explanation: 'I had two bitcoin at the time.',
      references: [],
      actor: CLAIMANT_A,
    });
    expect(states(sqlite)).toEqual([
      'snapshot:done',
      'response:done',
      'resolution:current',
      'payout:upcoming',
      'paid:upcoming',
    ]);
    rejectOpenDispute(sqlite, disputeId, 'The second bitcoin arrived after the snapshot.');
    expect(timeline(sqlite)[1]).toMatchObject({
      state: 'current',
      detail: expect.stringMatching(/^Finance answered your dispute/),
    });
    expect(timeline(sqlite)[2]).toMatchObject({
      title: 'Dispute resolved: rejected',
      state: 'done',
      detail: 'Finance: “The second bitcoin arrived after the snapshot.”',
    });
    acknowledgeClaim(sqlite, { accountId: 'acct-a', version, actor: CLAIMANT_A });
    expect(states(sqlite)).toEqual([
      'snapshot:done',
      'response:done',
      'resolution:done',
      'payout:current',
      'paid:upcoming',
    ]);
  });

  it('ends with the payment date and reference of every asset paid', async () => {
    const { $client: sqlite } = await claimFixture();
    acknowledgeClaim(sqlite, {
      accountId: 'acct-a',
      version: getClaim(sqlite, 'acct-a')!.version,
      actor: CLAIMANT_A,
    });
    payEverything(sqlite);
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('paid');
    const steps = timeline(sqlite);
    expect(steps.map((step) => `${step.key}:${step.state}`)).toEqual([
      'snapshot:done',
      'response:done',
      'resolution:skipped',
      'payout:done',
      'paid:done',
    ]);
    expect(steps[3]).toMatchObject({ at: '2025-04-01T11:00:00.000Z' });
    expect(steps[4]).toMatchObject({ at: '2025-04-02T09:30:00.000Z', title: 'Paid' });
    expect(steps[4]!.payments).toContainEqual({
      asset: 'ETH',
      amount: '123,456,789,012.123456789012345678',
      at: '2025-04-02T09:30:00.000Z',
      reference: 'wallet-tx-77',
    });
  });
});
