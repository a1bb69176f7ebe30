import type Database from 'better-sqlite3';
import {
  MemoryThrottleStore,
  SqliteThrottleStore,
  Throttle,
  type ThrottlePolicy,
  type ThrottleStore,
} from '@/lib/auth/throttle';

/** Wrong codes: a few free tries per address, then doubling waits (a code has 50 bits). */
export const CODE_EMAIL_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const CODE_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 20,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Code requests (each sends an email): one free, then a wait that doubles, so no one is mail-bombed. */
export const REQUEST_EMAIL_POLICY: ThrottlePolicy = {
  freeAttempts: 1,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const REQUEST_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export type ThrottlePair = { email: Throttle; address: Throttle };
export type CodeThrottles = { attempts: ThrottlePair; requests: ThrottlePair };

/** Throttles over the given stores: in memory for tests that set the clock, else the database. */
export function newCodeThrottles(
  now: () => number = Date.now,
  store: (scope: string) => ThrottleStore = () => new MemoryThrottleStore(),
): CodeThrottles {
  return {
    attempts: {
      email: new Throttle(CODE_EMAIL_POLICY, now, store('code:email')),
      address: new Throttle(CODE_ADDRESS_POLICY, now, store('code:address')),
    },
    requests: {
      email: new Throttle(REQUEST_EMAIL_POLICY, now, store('code-request:email')),
      address: new Throttle(REQUEST_ADDRESS_POLICY, now, store('code-request:address')),
    },
  };
}

/** The server's throttles, kept in the database every app process shares (like sign-in's). */
export function codeThrottles(sqlite: Database.Database): CodeThrottles {
  return newCodeThrottles(Date.now, (scope) => new SqliteThrottleStore(sqlite, scope));
}

/** Seconds to wait before `email` from `address` may try again (0: go ahead). */
export function waitSeconds(pair: ThrottlePair, email: string, address: string): number {
  return Math.ceil(Math.max(pair.email.waitMs(email), pair.address.waitMs(address)) / 1000);
}
