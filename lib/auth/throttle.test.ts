import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { tempDb } from '@/lib/testing/temp-db';
import { admit, SqliteThrottleStore, Throttle } from './throttle';

const policy = { freeAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** The same behaviour whether the records are in memory or in the database. */
const stores = {
  memory: () => undefined,
  database: () => new SqliteThrottleStore(tempDb('mw-throttle-').$client, 'test'),
};

describe.each(Object.entries(stores))('sign-in throttling, records in %s', (_name, store) => {
  it('lets the first attempts through, then makes each wait twice as long', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now, store());
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.waitMs('a@x')).toBe(0);
      throttle.fail('a@x');
    }
    expect(throttle.waitMs('a@x')).toBe(1_000);
    throttle.fail('a@x');
    expect(throttle.waitMs('a@x')).toBe(2_000);
    throttle.fail('a@x');
    expect(throttle.waitMs('a@x')).toBe(4_000);
  });

  it('never makes anyone wait longer than the cap', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now, store());
    for (let i = 0; i < 50; i += 1) throttle.fail('a@x');
    expect(throttle.waitMs('a@x')).toBe(8_000);
    c.advance(8_000);
    expect(throttle.waitMs('a@x')).toBe(0);
  });

  it('forgets old failures and clears on success', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now, store());
    for (let i = 0; i < 5; i += 1) throttle.fail('a@x');
    c.advance(60_001);
    expect(throttle.waitMs('a@x')).toBe(0);
    for (let i = 0; i < 5; i += 1) throttle.fail('b@x');
    throttle.succeed('b@x');
    expect(throttle.waitMs('b@x')).toBe(0);
  });

  it('keeps keys apart', () => {
    const throttle = new Throttle(policy, clock().now, store());
    for (let i = 0; i < 5; i += 1) throttle.fail('a@x');
    expect(throttle.waitMs('b@x')).toBe(0);
  });
});

describe('throttle records in the database', () => {
  it('are shared by app processes on one database file, so guesses add up across them', () => {
    const first = tempDb('mw-throttle-shared-');
    const second = openDatabase(first.$client.name);
    const c = clock();
    const a = new Throttle(policy, c.now, new SqliteThrottleStore(first.$client, 'sign-in'));
    const b = new Throttle(policy, c.now, new SqliteThrottleStore(second.$client, 'sign-in'));
    a.fail('a@x');
    b.fail('a@x');
    a.fail('a@x');
    expect(b.waitMs('a@x')).toBe(1_000);
    expect(a.waitMs('a@x')).toBe(1_000);
    b.succeed('a@x');
    expect(a.waitMs('a@x')).toBe(0);
    second.$client.close();
  });

  it('keep scopes apart and delete forgotten records as new failures come', () => {
    const { $client: sqlite } = tempDb('mw-throttle-prune-');
    const c = clock();
    const signIn = new Throttle(policy, c.now, new SqliteThrottleStore(sqlite, 'sign-in'));
    const codes = new Throttle(policy, c.now, new SqliteThrottleStore(sqlite, 'code'));
    for (let i = 0; i < 3; i += 1) signIn.fail('old@x');
    expect(codes.waitMs('old@x')).toBe(0);
    c.advance(60_001);
    signIn.fail('new@x');
    const keys = sqlite.prepare('SELECT key FROM throttles ORDER BY key').pluck().all();
    expect(keys).toEqual(['new@x']);
  });
});

describe('admitting an attempt', () => {
  it('counts it before it is checked, so the next one already sees it', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now, stores.database());
    const checks = [{ throttle, key: 'a@x' }];
    // Three admitted with no result yet (their passwords still being checked), the fourth waits.
    expect([admit(checks), admit(checks), admit(checks), admit(checks)]).toEqual([0, 0, 0, 1_000]);
  });

  it('gives the count back for an attempt that did not fail', () => {
    const throttle = new Throttle(policy, clock().now, stores.database());
    const checks = [{ throttle, key: 'a@x' }];
    for (let i = 0; i < 3; i += 1) {
      expect(admit(checks)).toBe(0);
      throttle.refund('a@x');
    }
    expect(admit(checks)).toBe(0);
  });

  it('counts under every throttle or none: a waiting address costs the email nothing', () => {
    const c = clock();
    const sqlite = tempDb('mw-throttle-admit-').$client;
    const email = new Throttle(policy, c.now, new SqliteThrottleStore(sqlite, 'email'));
    const address = new Throttle(policy, c.now, new SqliteThrottleStore(sqlite, 'address'));
    for (let i = 0; i < 3; i += 1) address.fail('10.0.0.1');
    expect(
      admit([
        { throttle: email, key: 'a@x' },
        { throttle: address, key: '10.0.0.1' },
      ]),
    ).toBe(1_000);
    expect(email.waitMs('a@x')).toBe(0);
    expect(
      sqlite.prepare("SELECT count(*) FROM throttles WHERE scope = 'email'").pluck().get(),
    ).toBe(0);
  });
});
