import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountProof, type AccountProof } from './account-proof';
import type { CoinexProofJson, MakewholeProofJson, PublishedRootRef } from './proof-json';
import { adjust, importGenerated, publishedRefs, removeFixtureBundles } from './proof-fixture';
import { publishRoot } from './publish-root';
import { verifyProof } from './verify-proof';

afterAll(removeFixtureBundles);

let proof: AccountProof;
let published: PublishedRootRef[];

beforeAll(async () => {
  const sqlite = await importGenerated(40);
  publishRoot(sqlite, { actor: 'test', blockLevel: 2 });
  proof = accountProof(sqlite, 'acct-0000007');
  published = publishedRefs(sqlite);
});

const copy = <T>(value: T): T => structuredClone(value);
const firstAsset = (balances: Record<string, string>) => Object.keys(balances)[0] as string;
const flip = (hash: string) => `${hash[0] === 'a' ? 'b' : 'a'}${hash.slice(1)}`;

async function failure(tampered: unknown) {
  const verdict = await verifyProof(JSON.stringify(tampered), { published });
  expect(verdict.ok).toBe(false);
  const failed = verdict.steps.filter((s) => !s.ok);
  expect(failed).toHaveLength(1);
  expect(verdict.summary).toBe(`${failed[0]!.label} failed: ${failed[0]!.detail}`);
  return failed[0]!;
}

describe('checking a Makewhole proof', () => {
  const tamper = (change: (p: MakewholeProofJson) => void) => {
    const p = copy(proof.makewhole);
    change(p);
    return p;
  };
  const step2 = 'Step 2 of';

  it('accepts the proof as served and says it is the root in force', async () => {
    expect(proof.makewhole.path.length).toBeGreaterThanOrEqual(3);
    const verdict = await verifyProof(JSON.stringify(proof.makewhole), { published });
    expect(verdict).toMatchObject({ ok: true, format: 'makewhole', published: 'latest' });
    expect(verdict.summary).toMatch(/counted in the published total/);
    expect(verdict.steps.map((s) => s.label)).toEqual([
      'Your leaf',
      ...proof.makewhole.path.map((_, i) => `Step ${i + 1} of ${proof.makewhole.path.length}`),
      'Root',
      'Published root',
    ]);
    expect(verdict.accountId).toBe('acct-0000007');
  });

  it('fails at your leaf when an amount, the nonce or the account id changes', async () => {
    const asset = firstAsset(proof.makewhole.balances);
    for (const change of [
      (p: MakewholeProofJson) => (p.balances[asset] = `${BigInt(p.balances[asset]!) + 1n}`),
      (p: MakewholeProofJson) => (p.nonce = flip(p.nonce)),
      (p: MakewholeProofJson) => (p.accountId = 'acct-0000008'),
    ]) {
      const failed = await failure(tamper(change));
      expect(failed.label).toBe('Your leaf');
      expect(failed.detail).toMatch(/an amount, the nonce or the account id was changed/);
    }
  });

  it("fails at the step whose sibling's hash or sum changed", async () => {
    const hash = await failure(tamper((p) => (p.path[1]!.hash = flip(p.path[1]!.hash))));
    expect(hash.label).toMatch(new RegExp(`^${step2}`));
    const asset = firstAsset(proof.makewhole.path[1]!.balances);
    const sum = await failure(
      tamper((p) => (p.path[1]!.balances[asset] = `${BigInt(p.path[1]!.balances[asset]!) + 1n}`)),
    );
    expect(sum.label).toMatch(new RegExp(`^${step2}`));
    expect(sum.detail).toMatch(/hash or sums were changed/);
  });

  it('fails at the step where a sum is negative, saying so', async () => {
    const asset = firstAsset(proof.makewhole.path[1]!.balances);
    const failed = await failure(tamper((p) => (p.path[1]!.balances[asset] = '-5')));
    expect(failed.label).toMatch(new RegExp(`^${step2}`));
    expect(failed.detail).toMatch(/negative \(-5\)/);
  });

  it('fails at the root when its hash or a total changes', async () => {
    const hash = await failure(tamper((p) => (p.root.hash = flip(p.root.hash))));
    expect(hash.label).toBe('Root');
    const asset = firstAsset(proof.makewhole.root.totals);
    const total = await failure(
      tamper((p) => (p.root.totals[asset] = `${BigInt(p.root.totals[asset]!) - 1n}`)),
    );
    expect(total).toMatchObject({ label: 'Root' });
    expect(total.detail).toMatch(/totals do not add up/);
  });

  it('refuses a consistent proof whose root was never published', async () => {
    const failed = await verifyProof(proof.makewhole, {
      published: published.map((r) => ({ ...r, hash: flip(r.hash) })),
    });
    expect(failed.ok).toBe(false);
    expect(failed.summary).toMatch(/^Published root failed: .* is not a root Makewhole published/);
  });

  it('accepts a proof of an earlier published root, saying claims changed since', async () => {
    const sqlite = await importGenerated(12, 'earlier');
    publishRoot(sqlite);
    const old = accountProof(sqlite, 'acct-0000002');
    adjust(sqlite, 'acct-0000005', 'BTC', 1n, 'adj');
    publishRoot(sqlite);
    const verdict = await verifyProof(old.makewhole, { published: publishedRefs(sqlite) });
    expect(verdict).toMatchObject({ ok: true, published: 'earlier' });
    expect(verdict.summary).toMatch(/earlier published root/);
  });
});

describe('checking a proof in the CoinEx verifier format', () => {
  const tamper = (change: (p: CoinexProofJson) => void) => {
    const p = copy(proof.coinex);
    change(p);
    return p;
  };
  const sibling = (p: CoinexProofJson, index: number) =>
    p.path.filter((s) => 'hash' in s)[index] as { balances: Record<string, string>; hash: string };

  it('accepts the proof as served', async () => {
    const verdict = await verifyProof(JSON.stringify(proof.coinex), { published });
    expect(verdict).toMatchObject({ ok: true, format: 'coinex', published: 'latest' });
  });

  it('fails at the root when an amount, the nonce or a sibling changes (no checkpoints)', async () => {
    const own = firstAsset(proof.coinex.self.balances);
    const sib = firstAsset(sibling(proof.coinex, 1).balances);
    for (const change of [
      (p: CoinexProofJson) => (p.self.balances[own] = `${p.self.balances[own]}1`),
      (p: CoinexProofJson) => (p.self.nonce = flip(p.self.nonce)),
      (p: CoinexProofJson) => (sibling(p, 1).hash = flip(sibling(p, 1).hash)),
      (p: CoinexProofJson) => (sibling(p, 1).balances[sib] = `${sibling(p, 1).balances[sib]}1`),
    ]) {
      const failed = await failure(tamper(change));
      expect(failed.label).toBe('Root');
      expect(failed.detail).toMatch(/cannot tell which/);
    }
  });

  it('fails at the step where a sibling sum is negative, which the original tool never checks', async () => {
    const index = proof.coinex.path.findIndex((s) => 'hash' in s);
    const asset = firstAsset(sibling(proof.coinex, 0).balances);
    const failed = await failure(tamper((p) => (sibling(p, 0).balances[asset] = '-0.5')));
    expect(failed.label).toBe(`Step ${index + 1} of ${proof.coinex.path.length}`);
    expect(failed.detail).toMatch(/negative/);
  });

  it('compares root balances as numbers: 1.50 equals 1.5, 1.6 does not', async () => {
    const asset = firstAsset(proof.coinex.root.balances);
    const padded = tamper(
      (p) =>
        (p.root.balances[asset] =
          `${p.root.balances[asset]}${p.root.balances[asset]!.includes('.') ? '' : '.'}00`),
    );
    expect((await verifyProof(padded, { published })).ok).toBe(true);
    const changed = await failure(
      tamper((p) => (p.root.balances[asset] = `${p.root.balances[asset]}1`)),
    );
    expect(changed.detail).toMatch(/balances do not add up/);
  });
});

describe('reading a file that is not a proof', () => {
  it('says so in plain words', async () => {
    expect((await verifyProof('{not json')).summary).toBe(
      'Reading the proof failed: The file is not valid JSON.',
    );
    expect((await verifyProof('{"hello":1}')).summary).toMatch(
      /neither a Makewhole proof nor a proof in the CoinEx verifier format/,
    );
    const noPath = copy(proof.makewhole) as Partial<MakewholeProofJson>;
    delete noPath.path;
    expect((await verifyProof(noPath)).summary).toBe(
      'The path failed: The path is missing or is not a list.',
    );
  });
});
