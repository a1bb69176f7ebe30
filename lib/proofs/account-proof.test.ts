import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getClaim } from '@/lib/claims/get-claim';
import { accountProof } from './account-proof';
import { cachedAccountProof } from './account-proof-cache';
import {
  adjust,
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

async function verifiesEverywhere(sqlite: Sqlite, accountId: string, leaves: number) {
  const proof = accountProof(sqlite, accountId, { actor: 'test' });
  const published = publishedRefs(sqlite);
  for (const format of ['makewhole', 'coinex'] as const) {
    const verdict = await verifyProof(JSON.stringify(proof[format]), { published });
    expect(verdict, `${accountId} ${format}: ${verdict.summary}`).toMatchObject({
      ok: true,
      published: 'latest',
    });
  }
  const depth = Math.ceil(Math.log2(leaves));
  expect(proof.makewhole.path.length).toBeLessThanOrEqual(depth);
  expect(proof.coinex.path.length).toBe(depth);
  return proof;
}

describe("an account's inclusion proof", () => {
  it('verifies in both formats for every account, whatever the shape of the tree', async () => {
    await fc.assert(
      fc.asyncProperty(claimSets, async (claims) => {
        const sqlite = await importClaims(claims);
        const accounts = Object.keys(claims);
        for (const accountId of accounts) {
          const proof = await verifiesEverywhere(sqlite, accountId, accounts.length);
          const owed = getClaim(sqlite, accountId)!.lines.filter((l) => l.claimUnits !== 0n);
          expect(proof.makewhole.balances).toEqual(
            Object.fromEntries(owed.map((l) => [l.asset, l.claimUnits.toString()])),
          );
        }
      }),
      { numRuns: 12 },
    );
  });

  it('publishes the root on demand when none was published, and only then', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    const first = accountProof(sqlite, 'a', { actor: 'test' });
    expect(first.publishedNow).toBe(true);
    const second = accountProof(sqlite, 'b', { actor: 'test' });
    expect(second).toMatchObject({ publishedNow: false, root: { id: first.root.id } });
  });

  it('republishes when claims changed since the root in force', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' }, c: { USDT: '3' } });
    const before = accountProof(sqlite, 'a', { actor: 'test' });
    adjust(sqlite, 'c', 'USDT', 1n, 'adj');
    const after = await verifiesEverywhere(sqlite, 'a', 3);
    expect(after.publishedNow).toBe(true);
    expect(after.root.rootHash).not.toBe(before.root.rootHash);
    expect(after.makewhole.root.totals).toMatchObject({ USDT: '3000001' });
  });

  it('gives the nonce HMAC-SHA256(database secret, account id), the secret created once', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    const nonce = accountProof(sqlite, 'a', { actor: 'test' }).makewhole.nonce;
    const secret = sqlite
      .prepare("SELECT value FROM settings WHERE key = 'proof_secret'")
      .pluck()
      .get() as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(nonce).toBe(createHmac('sha256', Buffer.from(secret, 'hex')).update('a').digest('hex'));
    expect(accountProof(sqlite, 'a', { actor: 'test' }).coinex.self.nonce).toBe(nonce);
  });

  it('writes CoinEx amounts in asset units without trailing zeros, keys in byte order', async () => {
    const sqlite = await importClaims({ a: { BTC: '10.10', USDT: '920.000000', '2024': '7' } });
    const { coinex } = accountProof(sqlite, 'a', { actor: 'test' });
    expect(coinex.self.balances).toEqual({ '2024': '7', BTC: '10.1', USDT: '920' });
    expect(coinex.path).toEqual([]);
    expect(coinex.root.balances).toEqual(coinex.self.balances);
  });

  it('serves a repeated request from memory until the ledger moves', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    const first = cachedAccountProof(sqlite, 'a', { actor: 'test' });
    expect(first.publishedNow).toBe(true);
    const again = cachedAccountProof(sqlite, 'a', { actor: 'test' });
    expect(again).toEqual({ ...first, publishedNow: false });
    adjust(sqlite, 'b', 'ETH', 1n, 'adj');
    const after = cachedAccountProof(sqlite, 'a', { actor: 'test' });
    expect(after.publishedNow).toBe(true);
    expect(after.makewhole.root.totals).toMatchObject({ ETH: '2000000000000000001' });
  });

  it('refuses an account that is not in the snapshot, publishing nothing', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    expect(() => accountProof(sqlite, 'acct-9999999', { actor: 'test' })).toThrow(
      /No account "acct-9999999"/,
    );
    expect(sqlite.prepare('SELECT count(*) FROM proof_roots').pluck().get()).toBe(0);
  });
});
