import type Database from 'better-sqlite3';
import { BoundedMap } from '@/lib/cache/bounded-map';
import { accountProof, type AccountProof } from './account-proof';
import { latestRoot } from './published-roots';

const MAX_PROOFS = 500;

const caches = new WeakMap<Database.Database, BoundedMap<string, AccountProof>>();

/**
 * `accountProof`, remembered for the last few hundred (root, account) pairs used: a proof in a
 * published root never changes, so a claimant who downloads both formats and checks in the
 * browser reads the kept tree once.
 */
export function cachedAccountProof(
  sqlite: Database.Database,
  accountId: string,
  options: { rootId?: number } = {},
): AccountProof {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new BoundedMap(MAX_PROOFS)));
  const rootId = options.rootId ?? latestRoot(sqlite)?.id;
  const key = `${rootId ?? ''}\n${accountId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const proof = accountProof(sqlite, accountId, { rootId });
  cache.set(key, proof);
  return proof;
}
