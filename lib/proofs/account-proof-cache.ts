import type Database from 'better-sqlite3';
import { accountProof, type AccountProof } from './account-proof';
import { latestRoot } from './published-roots';

const MAX_PROOFS = 500;

const caches = new WeakMap<Database.Database, Map<string, AccountProof>>();

/**
 * `accountProof`, remembered for the last few hundred (root, account) pairs: a proof in a
 * published root never changes, so a claimant who downloads both formats and checks in the
 * browser reads the kept tree once.
 */
export function cachedAccountProof(
  sqlite: Database.Database,
  accountId: string,
  options: { rootId?: number } = {},
): AccountProof {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  const rootId = options.rootId ?? latestRoot(sqlite)?.id;
  const key = `${rootId ?? ''}\n${accountId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const proof = accountProof(sqlite, accountId, { rootId });
  cache.set(key, proof);
  for (const oldest of cache.keys()) {
    if (cache.size <= MAX_PROOFS) break;
    cache.delete(oldest);
  }
  return proof;
}
