import type Database from 'better-sqlite3';

/**
 * Slows password guessing: after a few failures, a key (an email, or a source address) must wait
 * before its next attempt, twice as long after each further failure, capped so that an attacker
 * can delay a real user but never lock them out for good. A success clears the email's record.
 * The server keeps the records in the database, so every app process and a restart see the same
 * count; tests may keep them in memory.
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

/** Where a throttle keeps its failure records. */
export interface ThrottleStore {
  read(key: string): Entry | undefined;
  /** Counts one more failure at `at`, starting again from one if the last is forgotten. */
  fail(key: string, at: number, forgetAfterMs: number): void;
  /** Takes back one failure counted ahead of time for an attempt that did not fail. */
  refund(key: string): void;
  /** Dates the last failure at `at` if later: a failure counted ahead of time is timed from when it is known. */
  stamp(key: string, at: number): void;
  clear(key: string): void;
  /** Runs `work` so that no other process reads or counts in between (a write transaction). */
  atomically<T>(work: () => T): T;
}

const MAX_TRACKED_KEYS = 100_000;

/** One process's records, for tests and tools; the oldest key goes beyond 100,000. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, Entry>();

  read(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  fail(key: string, at: number, forgetAfterMs: number): void {
    const entry = this.entries.get(key);
    const failures = entry && at - entry.lastFailureAt <= forgetAfterMs ? entry.failures + 1 : 1;
    this.entries.delete(key);
    this.entries.set(key, { failures, lastFailureAt: at });
    if (this.entries.size > MAX_TRACKED_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  refund(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.failures = Math.max(0, entry.failures - 1);
  }

  stamp(key: string, at: number): void {
    const entry = this.entries.get(key);
    if (entry) entry.lastFailureAt = Math.max(entry.lastFailureAt, at);
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  atomically<T>(work: () => T): T {
    return work();
  }
}

/**
 * Records in the `throttles` table under one scope. Each failure is one upsert, so app processes
 * sharing the database count together; forgotten records are deleted as new failures arrive.
 */
export class SqliteThrottleStore implements ThrottleStore {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: string,
  ) {}

  read(key: string): Entry | undefined {
    return this.sqlite
      .prepare(
        'SELECT failures, last_failure_at AS lastFailureAt FROM throttles WHERE scope = ? AND key = ?',
      )
      .get(this.scope, key) as Entry | undefined;
  }

  fail(key: string, at: number, forgetAfterMs: number): void {
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare('DELETE FROM throttles WHERE scope = ? AND last_failure_at < ?')
        .run(this.scope, at - forgetAfterMs);
      this.sqlite
        .prepare(
          `INSERT INTO throttles (scope, key, failures, last_failure_at) VALUES (?, ?, 1, ?)
           ON CONFLICT (scope, key) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at`,
        )
        .run(this.scope, key, at);
    })();
  }

  refund(key: string): void {
    this.sqlite
      .prepare('UPDATE throttles SET failures = max(failures - 1, 0) WHERE scope = ? AND key = ?')
      .run(this.scope, key);
  }

  stamp(key: string, at: number): void {
    this.sqlite
      .prepare(
        'UPDATE throttles SET last_failure_at = max(last_failure_at, ?) WHERE scope = ? AND key = ?',
      )
      .run(at, this.scope, key);
  }

  clear(key: string): void {
    this.sqlite.prepare('DELETE FROM throttles WHERE scope = ? AND key = ?').run(this.scope, key);
  }

  atomically<T>(work: () => T): T {
    // IMMEDIATE takes the write lock before the first read, so two processes cannot both read
    // a count below the limit and both go ahead.
    return this.sqlite.inTransaction ? work() : this.sqlite.transaction(work).immediate();
  }
}

export class Throttle {
  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
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
    this.store.fail(key, this.now(), this.policy.forgetAfterMs);
  }

  succeed(key: string): void {
    this.store.clear(key);
  }

  /** Takes back a failure counted by `admit` for an attempt that turned out not to fail. */
  refund(key: string): void {
    this.store.refund(key);
  }

  /** A failure counted by `admit` is confirmed: its wait runs from now, not from the attempt's start. */
  confirm(key: string): void {
    this.store.stamp(key, this.now());
  }

  /** Runs `work` with this throttle's records locked against other processes. */
  atomically<T>(work: () => T): T {
    return this.store.atomically(work);
  }

  private current(key: string): Entry | undefined {
    const entry = this.store.read(key);
    return entry && this.now() - entry.lastFailureAt <= this.policy.forgetAfterMs
      ? entry
      : undefined;
  }
}

/**
 * Decides whether an attempt may go ahead under every throttle at once and, if it may, counts it
 * as a failure before anything slow happens (the caller then confirms it, or refunds or clears
 * it if the attempt did not fail). Read
 * and count are one step under the database's write lock: a burst of parallel attempts sees
 * each other's counts, so it is let through no further than the same attempts made one by one.
 * Returns the milliseconds to wait (0: counted, go ahead).
 */
export function admit(checks: readonly { throttle: Throttle; key: string }[]): number {
  const [first] = checks;
  if (!first) return 0;
  return first.throttle.atomically(() => {
    const waitMs = Math.max(...checks.map(({ throttle, key }) => throttle.waitMs(key)));
    if (waitMs === 0) for (const { throttle, key } of checks) throttle.fail(key);
    return waitMs;
  });
}
