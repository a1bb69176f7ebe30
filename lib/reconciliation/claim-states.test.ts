import { describe, expect, it } from 'vitest';
import { getClaim } from '@/lib/claims/get-claim';
import { acknowledge, financeFixture } from '@/lib/payouts/finance-fixture';
import { checkClaimStates } from './check-claim-states';
import { drainClaimStateQueue, queuedClaimStates, recountClaimState } from './claim-states';

const lines = (db: Awaited<ReturnType<typeof financeFixture>>) =>
  db.$client
    .prepare('SELECT account_id, asset, status, live, units FROM claim_state_lines ORDER BY 1, 2')
    .raw()
    .all();

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

  it('drains the queue in bounded steps and says how much is left', async () => {
    const db = await financeFixture();
    for (const id of ['acct-a', 'acct-b', 'acct-c']) acknowledge(db, id);
    expect(drainClaimStateQueue(db.$client, { limit: 2 })).toBe(1);
    expect(drainClaimStateQueue(db.$client, { limit: 2 })).toBe(0);
    expect(checkClaimStates(db.$client)).toMatchObject({ ok: true, accounts: 3 });
  });

  it('lets a claimant step recount its account in its own transaction', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-d');
    db.$client.transaction(() => recountClaimState(db.$client, 'acct-d'))();
    expect(queuedClaimStates(db.$client)).toBe(0);
    expect(lines(db)).toEqual([['acct-d', 'BTC', 'acknowledged', 0, '300000000']]);
    expect(() => recountClaimState(db.$client, 'acct-d')).toThrow(/inside a transaction/);
  });
});
