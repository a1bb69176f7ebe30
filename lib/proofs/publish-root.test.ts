import { afterAll, describe, expect, it, vi } from 'vitest';
import { paidAccount, PROGRAM } from '@/lib/ledger/accounts';
import { appendTransaction } from '@/lib/ledger/append';
import { verifyLedger } from '@/lib/ledger/verify';
import { formatUnits } from '@/lib/money';
import { reconciliationReport } from '@/lib/reconciliation/report';
import { tempDb } from '@/lib/testing/temp-db';
import { accountProof } from './account-proof';
import { buildClaimTree } from './build-tree';
import {
  adjust,
  count,
  importClaims,
  importGenerated,
  removeFixtureBundles,
} from './proof-fixture';
import { publishRoot } from './publish-root';
import { latestRoot } from './published-roots';
import { verifyPublishedRoot } from './verify-published-root';

// The real builder, counted: publishing an unchanged claim set must not build a tree at all.
vi.mock('./build-tree', async (importOriginal) => {
  const original = await importOriginal<typeof import('./build-tree')>();
  return { ...original, buildClaimTree: vi.fn(original.buildClaimTree) };
});
const treeBuilds = () => vi.mocked(buildClaimTree).mock.calls.length;

afterAll(removeFixtureBundles);

const txCount = (sqlite: Parameters<typeof count>[0]) =>
  count(sqlite, 'SELECT count(*) FROM ledger_transactions');

function expectTotalsEqualReport(sqlite: Parameters<typeof count>[0]) {
  const totals = latestRoot(sqlite)!.totals;
  const { report } = reconciliationReport(sqlite);
  expect(report.assets.length).toBeGreaterThan(0);
  for (const asset of report.assets) {
    expect(formatUnits(BigInt(totals[asset.asset] ?? '0'), asset.decimals), asset.asset).toBe(
      asset.owed,
    );
  }
  const reported = new Set(report.assets.map((a) => a.asset));
  expect(Object.keys(totals).filter((asset) => !reported.has(asset))).toEqual([]);
}

describe('publishing the proof root', () => {
  it('publishes per-asset totals equal to the owed totals of report --json, before and after an adjustment', async () => {
    const sqlite = await importGenerated(60);
    publishRoot(sqlite);
    expectTotalsEqualReport(sqlite);
    adjust(sqlite, 'acct-0000003', 'BTC', 12345n, 'adj-1');
    publishRoot(sqlite);
    expectTotalsEqualReport(sqlite);
  });

  it('records the root as a ledger transaction without postings and a proof_roots row', async () => {
    const sqlite = await importClaims({ a: { BTC: '1.5' }, b: { BTC: '0.25', ETH: '2' } });
    const before = count(sqlite, 'SELECT count(*) FROM ledger_postings');
    const { root, appended } = publishRoot(sqlite, { actor: 'importer' });
    expect(appended).toBe(true);
    const tx = sqlite
      .prepare(
        'SELECT kind, idempotency_key AS key, memo, actor FROM ledger_transactions WHERE seq = ?',
      )
      .get(root.txSeq) as { kind: string; key: string; memo: string; actor: string };
    expect(tx).toMatchObject({
      kind: 'proof.root_published',
      key: `proof-root:${root.rootHash}`,
      actor: 'system:importer',
    });
    expect(JSON.parse(tx.memo)).toEqual({
      format: 'makewhole-proof/v1',
      rootHash: root.rootHash,
      coinexRootHash: root.coinexRootHash,
      totals: { BTC: '175000000', ETH: '2000000000000000000' },
      claimSetVersion: root.claimSetVersion,
      leafCount: 2,
      snapshotAt: '2025-03-14T23:59:59Z',
    });
    expect(count(sqlite, 'SELECT count(*) FROM ledger_postings')).toBe(before);
    expect(root).toMatchObject({
      leafCount: 2,
      totals: { BTC: '175000000', ETH: '2000000000000000000' },
    });
    expect(
      count(sqlite, "SELECT count(*) FROM audit_events WHERE action = 'proof.root_published'"),
    ).toBe(1);
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('appends nothing when the claims did not change', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    const first = publishRoot(sqlite);
    const txs = txCount(sqlite);
    const again = publishRoot(sqlite);
    expect(again).toMatchObject({ appended: false, root: { id: first.root.id } });
    expect(txCount(sqlite)).toBe(txs);
    expect(count(sqlite, 'SELECT count(*) FROM proof_roots')).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM proof_trees')).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM proof_tree_leaves')).toBe(1);
  });

  it('returns the root in force before building any tree while no claim was posted to since', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    const first = publishRoot(sqlite);
    // A payout and a posting-less event move the ledger on, but no claim.
    sqlite.transaction(() => {
      appendTransaction(
        sqlite,
        { idempotencyKey: 'pay', kind: 'payout.batch_executed', actor: 't', memo: {} },
        [
          { account: paidAccount('a'), asset: 'BTC', amountUnits: 10n },
          { account: PROGRAM.payouts, asset: 'BTC', amountUnits: -10n },
        ],
      );
      appendTransaction(
        sqlite,
        { idempotencyKey: 'ack', kind: 'claim.acknowledged', actor: 't', memo: {} },
        [],
      );
    })();
    const builds = treeBuilds();
    const txs = txCount(sqlite);
    const progress: number[] = [];
    const again = publishRoot(sqlite, { onProgress: (done) => progress.push(done) });
    expect(treeBuilds()).toBe(builds);
    expect(progress).toEqual([]);
    expect(again).toEqual({ appended: false, root: first.root });
    expect(txCount(sqlite)).toBe(txs);
    expect(count(sqlite, 'SELECT count(*) FROM proof_trees')).toBe(1);
    expect(verifyPublishedRoot(sqlite).status).toBe('current');

    // The first claim posted to after the root in force is seen, however late in the ledger.
    adjust(sqlite, 'b', 'ETH', 1n, 'adj');
    const before = treeBuilds();
    const changed = publishRoot(sqlite);
    expect(treeBuilds()).toBe(before + 1);
    expect(changed.appended).toBe(true);
    expect(changed.root.totals).toEqual({ BTC: '100000000', ETH: '2000000000000000001' });
    expect(verifyPublishedRoot(sqlite).status).toBe('current');
  });

  it('builds the tree again when the root in force no longer matches its ledger record', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    const first = publishRoot(sqlite).root;
    sqlite.prepare(`UPDATE proof_roots SET root_hash = ?`).run('ab'.repeat(32));
    const builds = treeBuilds();
    const again = publishRoot(sqlite);
    expect(treeBuilds()).toBe(builds + 1);
    expect(again.root).toMatchObject({ rootHash: first.rootHash, txSeq: first.txSeq });
  });

  it('puts an earlier root back in force when the claims return to it', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '1' } });
    const first = publishRoot(sqlite).root;
    adjust(sqlite, 'a', 'BTC', 5n, 'up');
    const second = publishRoot(sqlite).root;
    expect(second.rootHash).not.toBe(first.rootHash);
    adjust(sqlite, 'a', 'BTC', -5n, 'down');
    const third = publishRoot(sqlite);
    expect(third.appended).toBe(false);
    expect(third.root).toMatchObject({ rootHash: first.rootHash, txSeq: first.txSeq });
    expect(verifyPublishedRoot(sqlite).status).toBe('current');
    // One kept tree per distinct root, and the earlier root answers proofs again.
    expect(count(sqlite, 'SELECT count(*) FROM proof_trees')).toBe(2);
    expect(accountProof(sqlite, 'a').root.rootHash).toBe(first.rootHash);
  });

  it('leaves out an account that is owed nothing', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { BTC: '2' }, c: { ETH: '3' } });
    expect(publishRoot(sqlite).root.leafCount).toBe(3);
    adjust(sqlite, 'b', 'BTC', -200000000n, 'to-zero');
    expect(publishRoot(sqlite).root).toMatchObject({ leafCount: 2, totals: { BTC: '100000000' } });
    expect(() => accountProof(sqlite, 'b')).toThrow(/Nothing was owed/);
  });

  it('refuses a negative claim and appends nothing', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { BTC: '2' } });
    adjust(sqlite, 'a', 'BTC', -100000001n, 'below-zero');
    const txs = txCount(sqlite);
    expect(() => publishRoot(sqlite)).toThrow(/claim of a in BTC is negative/);
    expect(txCount(sqlite)).toBe(txs);
    expect(count(sqlite, 'SELECT count(*) FROM proof_roots')).toBe(0);
  });

  it("joins the caller's transaction: an adjustment and its root commit or roll back together", async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    const txs = txCount(sqlite);
    expect(() =>
      sqlite.transaction(() => {
        adjust(sqlite, 'a', 'BTC', 7n, 'adj');
        publishRoot(sqlite);
        throw new Error('the adjustment failed after publishing');
      })(),
    ).toThrow(/adjustment failed/);
    expect(txCount(sqlite)).toBe(txs);
    expect(count(sqlite, 'SELECT count(*) FROM proof_roots')).toBe(0);
    sqlite.transaction(() => {
      adjust(sqlite, 'a', 'BTC', 7n, 'adj');
      publishRoot(sqlite);
    })();
    expect(latestRoot(sqlite)!.totals).toEqual({ BTC: '100000007' });
  });

  it('refuses to publish before a snapshot is imported', () => {
    const sqlite = tempDb().$client;
    expect(() => publishRoot(sqlite)).toThrow(/No snapshot has been imported/);
  });
});

describe('checking the published root', () => {
  it('says none before the first publication, then current', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    expect(verifyPublishedRoot(sqlite)).toMatchObject({ ok: true, status: 'none' });
    publishRoot(sqlite);
    expect(verifyPublishedRoot(sqlite)).toMatchObject({ ok: true, status: 'current' });
  });

  it('calls a root stale, not tampered, when claims changed after it was published', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { USDT: '10.5' } });
    publishRoot(sqlite);
    adjust(sqlite, 'b', 'USDT', 1n, 'adj');
    const check = verifyPublishedRoot(sqlite);
    expect(check).toMatchObject({ ok: true, status: 'stale' });
    expect(check.message).toMatch(/not tampered with/);
  });

  it('finds a proof_roots row edited behind the ledger', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    publishRoot(sqlite);
    sqlite.prepare(`UPDATE proof_roots SET totals = '{"BTC":"1"}'`).run();
    expect(verifyPublishedRoot(sqlite)).toMatchObject({ ok: false, status: 'mismatch' });
  });

  it('finds a published root deleted from proof_roots', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' } });
    publishRoot(sqlite);
    adjust(sqlite, 'a', 'BTC', 1n, 'adj');
    publishRoot(sqlite);
    sqlite.prepare('DELETE FROM proof_roots WHERE id = (SELECT max(id) FROM proof_roots)').run();
    const check = verifyPublishedRoot(sqlite);
    expect(check).toMatchObject({ ok: false, status: 'mismatch' });
    expect(check.message).toMatch(/does not list/);
  });

  it('finds a root that no longer follows from its claims (the secret was replaced)', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '1' } });
    publishRoot(sqlite);
    sqlite.prepare(`UPDATE settings SET value = ? WHERE key = 'proof_secret'`).run('ab'.repeat(32));
    const check = verifyPublishedRoot(sqlite);
    expect(check).toMatchObject({ ok: false, status: 'mismatch' });
    expect(check.message).toMatch(/was altered/);
  });
});
