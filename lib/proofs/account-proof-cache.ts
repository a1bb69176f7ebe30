import type Database from 'better-sqlite3';
import { accountProof, type AccountProof } from './account-proof';

const MAX_PROOFS = 500;

const caches = new WeakMap<Database.Database, Map<string, AccountProof>>();

/**
 * Claims change only through ledger transactions, and the root in force only with a new
 * proof_roots row: while neither moved, a proof built earlier is still exactly right.
 */
function stateKey(sqlite: Database.Database): string {
  return sqlite
    .prepare(
      `SELECT coalesce((SELECT seq || ':' || hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1), '')
              || '/' || coalesce((SELECT max(id) FROM proof_roots), '')`,
    )
    .pluck()
    .get() as string;
}

/**
 * `accountProof`, remembered for the last few hundred accounts: a claimant who downloads both
 * formats and checks in the browser costs one tree build, not three.
 */
export function cachedAccountProof(
  sqlite: Database.Database,
  accountId: string,
  options: { actor: string },
): AccountProof {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  const hit = cache.get(`${stateKey(sqlite)}\n${accountId}`);
  if (hit) return { ...hit, publishedNow: false };
  const proof = accountProof(sqlite, accountId, options);
  // Keyed by the state after a publication on demand, which is when the next request comes.
  cache.set(`${stateKey(sqlite)}\n${accountId}`, proof);
  for (const key of cache.keys()) {
    if (cache.size <= MAX_PROOFS) break;
    cache.delete(key);
  }
  return proof;
}
