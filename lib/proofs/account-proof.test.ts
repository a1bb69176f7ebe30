import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '@/db/client';
import { getClaim } from '@/lib/claims/get-claim';
import { accountProof } from './account-proof';
import { cachedAccountProof } from './account-proof-cache';
import { buildClaimTree } from './build-tree';
import { proofSecret } from './proof-secret';
import { publishRoot } from './publish-root';
import { storedAccountPath } from './stored-tree';
import {
  adjust,
  count,
  FIXTURE_ASSETS,
  importClaims,
  publishedRefs,
  removeFixtureBundles,
  type Sqlite,
} from './proof-fixture';
import { verifyProof } from './verify-proof';

afterAll(removeFixtureBundles);

const ASSETS = Object.keys(FIXTURE_ASSETS);

/** A whole amount with up to the asset's decimals, never zero. */
const amount = (asset: string) =>
  fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.nat({ max: FIXTURE_ASSETS[asset] ?? 0 }))
    .map(([units, scale]) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    });

const claimSets = fc
  .array(fc.subarray(ASSETS, { minLength: 1 }), { minLength: 1, maxLength: 13 })
  .chain((accounts) =>
    fc.tuple(
      ...accounts.map((assets) =>
        fc
          .tuple(...assets.map((a) => amount(a)))
          .map((amounts) => Object.fromEntries(assets.map((a, i) => [a, amounts[i] as string]))),
      ),
    ),
  )
  .map((claims) => Object.fromEntries(claims.map((c, i) => [`acct-${i + 1}`, c])));

const publish = (sqlite: Sqlite, blockLevel?: number) =>
  publishRoot(sqlite, { actor: 'test', blockLevel });

async function verifiesEverywhere(
  sqlite: Sqlite,
  accountId: string,
  leaves: number,
  expected: 'latest' | 'earlier' = 'latest',
  rootId?: number,
) {
  const proof = accountProof(sqlite, accountId, { rootId });
  const published = publishedRefs(sqlite);
  for (const format of ['makewhole', 'coinex'] as const) {
    const verdict = await verifyProof(JSON.stringify(proof[format]), { published });
    expect(verdict, `${accountId} ${format}: ${verdict.summary}`).toMatchObject({
      ok: true,
      published: expected,
    });
  }
  const depth = Math.ceil(Math.log2(leaves));
  expect(proof.makewhole.path.length).toBeLessThanOrEqual(depth);
  expect(proof.coinex.path.length).toBe(depth);
  return proof;
}

/** The path a full rebuild of the current claims records for the account. */
function rebuiltPath(sqlite: Sqlite, accountId: string) {
  const tree = buildClaimTree(sqlite, { secret: proofSecret(sqlite), target: accountId });
  return { rootHash: tree.rootHash, target: tree.target };
}

describe("an account's inclusion proof", () => {
  it('read from the kept tree, equals a full rebuild and verifies, whatever the shape', async () => {
    await fc.assert(
      fc.asyncProperty(claimSets, fc.integer({ min: 1, max: 4 }), async (claims, blockLevel) => {
        const sqlite = await importClaims(claims);
        publish(sqlite, blockLevel);
        const accounts = Object.keys(claims);
        for (const accountId of accounts) {
          const proof = await verifiesEverywhere(sqlite, accountId, accounts.length);
          const rebuilt = rebuiltPath(sqlite, accountId);
          expect(proof.root.rootHash).toBe(rebuilt.rootHash);
          expect(storedAccountPath(sqlite, rebuilt.rootHash, accountId)?.path).toEqual(
            rebuilt.target,
          );
          const owed = getClaim(sqlite, accountId)!.lines.filter((l) => l.claimUnits !== 0n);
          expect(proof.makewhole.balances).toEqual(
            Object.fromEntries(owed.map((l) => [l.asset, l.claimUnits.toString()])),
          );
        }
      }),
      { numRuns: 20 },
    );
  });

  it('is refused, writing nothing, before any root is published', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    expect(() => accountProof(sqlite, 'a')).toThrow(/No proof root has been published yet/);
    expect(count(sqlite, 'SELECT count(*) FROM proof_roots')).toBe(0);
    expect(count(sqlite, 'SELECT count(*) FROM proof_trees')).toBe(0);
  });

  it('stays in the root in force after claims change, and an older root still proves', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' }, c: { USDT: '3' } });
    const first = publish(sqlite, 1).root;
    adjust(sqlite, 'c', 'USDT', 1n, 'adj');
    expect(accountProof(sqlite, 'a').root.id).toBe(first.id);
    const second = publish(sqlite, 1).root;
    expect(second.rootHash).not.toBe(first.rootHash);
    const now = await verifiesEverywhere(sqlite, 'a', 3);
    expect(now.makewhole.root.totals).toMatchObject({ USDT: '3000001' });
    const then = await verifiesEverywhere(sqlite, 'a', 3, 'earlier', first.id);
    expect(then.makewhole.root).toMatchObject({
      hash: first.rootHash,
      totals: { USDT: '3000000' },
    });
    expect(() => accountProof(sqlite, 'a', { rootId: second.id + 1 })).toThrow(/No published root/);
  });

  it('gives the nonce HMAC-SHA256(database secret, account id), the secret created once', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    publish(sqlite);
    const nonce = accountProof(sqlite, 'a').makewhole.nonce;
    const secret = sqlite
      .prepare("SELECT value FROM settings WHERE key = 'proof_secret'")
      .pluck()
      .get() as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(nonce).toBe(createHmac('sha256', Buffer.from(secret, 'hex')).update('a').digest('hex'));
    expect(accountProof(sqlite, 'a').coinex.self.nonce).toBe(nonce);
  });

  it('writes CoinEx amounts in asset units without trailing zeros, keys in byte order', async () => {
    const sqlite = await importClaims({ a: { BTC: '10.10', USDT: '920.000000', '2024': '7' } });
    publish(sqlite);
    const { coinex } = accountProof(sqlite, 'a');
    expect(coinex.self.balances).toEqual({ '2024': '7', BTC: '10.1', USDT: '920' });
    expect(coinex.path).toEqual([]);
    expect(coinex.root.balances).toEqual(coinex.self.balances);
  });

  it('serves a repeated request from memory, and the new root once one is published', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    publish(sqlite);
    const first = cachedAccountProof(sqlite, 'a');
    expect(cachedAccountProof(sqlite, 'a')).toBe(first);
    adjust(sqlite, 'b', 'ETH', 1n, 'adj');
    expect(cachedAccountProof(sqlite, 'a')).toBe(first);
    publish(sqlite);
    const after = cachedAccountProof(sqlite, 'a');
    expect(after.root.id).not.toBe(first.root.id);
    expect(after.makewhole.root.totals).toMatchObject({ ETH: '2000000000000000001' });
  });

  it('is still answered from a tree kept before positions had their own table', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' }, c: { USDT: '3' } });
    const { root } = publish(sqlite, 1);
    const before = ['a', 'b', 'c'].map((id) => storedAccountPath(sqlite, root.rootHash, id));
    // The state migration 0015 starts from: positions only in the leaves' account index.
    sqlite.exec(`DROP TABLE proof_tree_accounts;
      CREATE UNIQUE INDEX proof_tree_leaves_account ON proof_tree_leaves (tree_id, account_id);
      DELETE FROM __drizzle_migrations
        WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);`);
    migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
    expect(count(sqlite, 'SELECT count(*) FROM proof_tree_accounts')).toBe(3);
    expect(['a', 'b', 'c'].map((id) => storedAccountPath(sqlite, root.rootHash, id))).toEqual(
      before,
    );
    await verifiesEverywhere(sqlite, 'b', 3);
  });

  it('refuses an account that is not in the snapshot', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    publish(sqlite);
    expect(() => accountProof(sqlite, 'acct-9999999')).toThrow(/No account "acct-9999999"/);
  });
});
