import { describe, expect, it } from 'vitest';
import { getClaim } from '@/lib/claims/get-claim';
import { acknowledge, dispute, financeFixture } from '@/lib/payouts/finance-fixture';
import { checkClaimStates } from './check-claim-states';
import { drainClaimStateQueue, queuedClaimStates, recountClaimState } from './claim-states';
import { reconciliationTable } from './reconciliation-table';

const lines = (db: Awaited<ReturnType<typeof financeFixture>>) =>
  db.$client
    .prepare('SELECT account_id, asset, status, live, units FROM claim_state_lines ORDER BY 1, 2')
    .raw()
    .all();

/** An acknowledgment written straight into claim_status, as by a tool behind the app's steps. */
function queueBehindTheSteps(db: Awaited<ReturnType<typeof financeFixture>>, accountId: string) {
  const version = getClaim(db.$client, accountId)!.version;
  db.$client
    .prepare(
      "INSERT INTO claim_status (account_id, status, acknowledged_version, updated_at) VALUES (?, 'acknowledged', ?, 'now')",
    )
    .run(accountId, version);
}

describe('the claim-state projection', () => {
  it('queues every change of claim_status, whoever writes it', async () => {
    const db = await financeFixture();
    const version = getClaim(db.$client, 'acct-b')!.version;
    db.$client
      .prepare(
        "INSERT INTO claim_status (account_id, status, acknowledged_version, updated_at) VALUES ('acct-b', 'acknowledged', ?, 'now')",
      )
      .run(version);
    expect(queuedClaimStates(db.$client)).toBe(1);
    expect(lines(db)).toEqual([]);
    expect(drainClaimStateQueue(db.$client)).toBe(0);
    expect(lines(db)).toEqual([['acct-b', 'BTC', 'acknowledged', 0, '25000000']]);

    db.$client.prepare("UPDATE claim_status SET status = 'open' WHERE account_id = 'acct-b'").run();
    expect(drainClaimStateQueue(db.$client)).toBe(0);
    expect(lines(db)).toEqual([]);
  });

  it('counts an acknowledgment and a dispute in their own transactions: nothing is left queued', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-d');
    expect(queuedClaimStates(db.$client)).toBe(0);
    expect(lines(db)).toEqual([['acct-d', 'BTC', 'acknowledged', 0, '300000000']]);
    dispute(db, 'acct-d', 'BTC', '4');
    expect(queuedClaimStates(db.$client)).toBe(0);
    expect(lines(db)).toEqual([['acct-d', 'BTC', 'disputed', 0, '300000000']]);
    expect(checkClaimStates(db.$client)).toMatchObject({ ok: true });
  });

  it('is only read by the reconciliation table, which says what is still queued', async () => {
    const db = await financeFixture();
    queueBehindTheSteps(db, 'acct-b');
    const before = lines(db);
    expect(reconciliationTable(db.$client).pendingRecount).toBe(1);
    expect(queuedClaimStates(db.$client)).toBe(1);
    expect(lines(db)).toEqual(before);
  });

  it('drains the queue in bounded steps and says how much is left', async () => {
    const db = await financeFixture();
    for (const id of ['acct-a', 'acct-b', 'acct-c']) queueBehindTheSteps(db, id);
    expect(drainClaimStateQueue(db.$client, { limit: 2 })).toBe(1);
    expect(drainClaimStateQueue(db.$client, { limit: 2 })).toBe(0);
    expect(checkClaimStates(db.$client)).toMatchObject({ ok: true, accounts: 3 });
  });

  it('recounts an account only inside a transaction', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-d');
    db.$client.transaction(() => recountClaimState(db.$client, 'acct-d'))();
    expect(queuedClaimStates(db.$client)).toBe(0);
    expect(lines(db)).toEqual([['acct-d', 'BTC', 'acknowledged', 0, '300000000']]);
    expect(() => recountClaimState(db.$client, 'acct-d')).toThrow(/inside a transaction/);
  });
});
