/**
 * Slows password guessing: after a few failures, a key (an email, or a source address) must wait
 * before its next attempt, twice as long after each further failure, capped so that an attacker
 * can delay a real user but never lock them out for good. A success clears the email's record.
 * Kept in memory: one server process guards itself; a restart forgets (documented in SECURITY.md).
 */
export type ThrottlePolicy = {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
};

export const EMAIL_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export const ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 30,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

type Entry = { failures: number; lastFailureAt: number };

const MAX_TRACKED_KEYS = 100_000;

export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the key must still wait before it may try again (0: go ahead). */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry || entry.failures < this.policy.freeAttempts) return 0;
    const exponent = Math.min(entry.failures - this.policy.freeAttempts, 30);
    const delay = Math.min(this.policy.baseDelayMs * 2 ** exponent, this.policy.maxDelayMs);
    return Math.max(0, entry.lastFailureAt + delay - this.now());
  }

  fail(key: string): void {
    const entry = this.current(key) ?? { failures: 0, lastFailureAt: 0 };
    entry.failures += 1;
    entry.lastFailureAt = this.now();
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_TRACKED_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt > this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
