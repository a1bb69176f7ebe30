import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle';

const policy = { freeAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sign-in throttling', () => {
  it('lets the first attempts through, then makes each wait twice as long', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now);
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
    const throttle = new Throttle(policy, c.now);
    for (let i = 0; i < 50; i += 1) throttle.fail('a@x');
    expect(throttle.waitMs('a@x')).toBe(8_000);
    c.advance(8_000);
    expect(throttle.waitMs('a@x')).toBe(0);
  });

  it('forgets old failures and clears on success', () => {
    const c = clock();
    const throttle = new Throttle(policy, c.now);
    for (let i = 0; i < 5; i += 1) throttle.fail('a@x');
    c.advance(60_001);
    expect(throttle.waitMs('a@x')).toBe(0);
    for (let i = 0; i < 5; i += 1) throttle.fail('b@x');
    throttle.succeed('b@x');
    expect(throttle.waitMs('b@x')).toBe(0);
  });

  it('keeps keys apart', () => {
    const throttle = new Throttle(policy, clock().now);
    for (let i = 0; i < 5; i += 1) throttle.fail('a@x');
    expect(throttle.waitMs('b@x')).toBe(0);
  });
});
