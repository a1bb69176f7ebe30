import type Database from 'better-sqlite3';
import { prepared } from '@/db/prepared';
import { BoundedMap } from '@/lib/cache/bounded-map';

/**
 * Per process, the last views read for each account, used only while the ledger's head is the
 * one they were read at. Exact, never stale: every write that changes what a claimant is shown
 * (the import, an acknowledgment, a dispute and its resolution, an approved adjustment, a payout
 * batch approved, cancelled or executed, a proof root published) appends a ledger transaction in
 * the same database transaction (claim-view-cache.test.ts acts each one out), and the head is
 * read from the database on every request, so a write by any server process sharing the file
 * shows at the next read in every other. The head's hash, not only its sequence number, names
 * it: a database restored from a backup and written again never reuses a key.
 */

/** Views kept per connection, least recently used dropped first: a few KB each, tens of MB in all. */
export const VIEW_CACHE_ENTRIES = 10_000;

type Entry = { head: string; value: unknown };

const caches = new WeakMap<Database.Database, BoundedMap<string, Entry>>();
const readTransactions = new WeakMap<Database.Database, (read: () => unknown) => unknown>();

/** The newest ledger transaction, as `seq:hash` ('' before the import): one primary-key read. */
export function ledgerHead(sqlite: Database.Database): string {
  const head = prepared(
    sqlite,
    "SELECT seq || ':' || hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1",
    { pluck: true },
  ).get() as string | undefined;
  return head ?? '';
}

/** Runs `read` in one deferred (read) transaction; the wrapper is made once per connection. */
function inReadTransaction<T>(sqlite: Database.Database, read: () => T): T {
  let run = readTransactions.get(sqlite);
  if (!run) {
    run = sqlite.transaction((inner: () => unknown) => inner());
    readTransactions.set(sqlite, run);
  }
  return run(read) as T;
}

function cacheOf(sqlite: Database.Database): BoundedMap<string, Entry> {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new BoundedMap(VIEW_CACHE_ENTRIES);
    caches.set(sqlite, cache);
  }
  return cache;
}

/**
 * `read()` for the account, or the value it returned at the same ledger head. The head and the
 * view are read in one read transaction, so the value is exactly the database at that head.
 * Inside a write transaction the cache is bypassed: a write may have appended its ledger
 * transaction before the rest of its rows, and a view read in between must not be kept.
 * The value is shared by every request that hits it: callers never mutate it.
 */
export function cachedView<T>(
  sqlite: Database.Database,
  key: { kind: string; accountId: string },
  read: () => T,
): T {
  if (sqlite.inTransaction) return read();
  return inReadTransaction(sqlite, (): T => {
    const head = ledgerHead(sqlite);
    const cache = cacheOf(sqlite);
    const name = `${key.kind}\u0000${key.accountId}`;
    const hit = cache.get(name);
    if (hit && hit.head === head) return hit.value as T;
    const value = read();
    cache.set(name, { head, value });
    return value;
  });
}
