import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { buildClaimTree, type AccountPath, type ClaimTree } from './build-tree';
import { coinexAmount, PROOF_FORMAT, type Sums } from './encoding';
import type { BalancesJson, CoinexProofJson, MakewholeProofJson } from './proof-json';
import { proofSecret } from './proof-secret';
import { recordRoot, totalsJson } from './publish-root';
import { latestRoot, type PublishedRoot } from './published-roots';

export type AccountProof = {
  root: PublishedRoot;
  /** True when the root was published by this request (none yet, or claims had changed). */
  publishedNow: boolean;
  makewhole: MakewholeProofJson;
  coinex: CoinexProofJson;
};

/**
 * One account's inclusion proof in the root in force, in both formats. The tree is rebuilt
 * from the claims (O(n)); when they changed since the last publication, or nothing was ever
 * published, the current root is published first, so a proof always refers to a published root.
 */
export function accountProof(
  sqlite: Database.Database,
  accountId: string,
  options: { actor: string; onProgress?: (done: number, total: number) => void },
): AccountProof {
  const secret = proofSecret(sqlite);
  const build = () =>
    buildClaimTree(sqlite, { secret, target: accountId, onProgress: options.onProgress });
  const read = sqlite.transaction(() => ({ tree: build(), root: latestRoot(sqlite) }))();
  if (!read.tree.target) throw notInTree(sqlite, accountId);
  const inForce =
    read.root?.rootHash === read.tree.rootHash ? { tree: read.tree, root: read.root } : null;
  const { tree, root } =
    inForce ??
    sqlite
      .transaction(() => {
        const fresh = build();
        return { tree: fresh, root: recordRoot(sqlite, fresh, options.actor).root };
      })
      .immediate();
  const publishedNow = inForce === null;
  const target = tree.target;
  if (!target) throw notInTree(sqlite, accountId);
  return {
    root,
    publishedNow,
    makewhole: makewholeProof(target, tree, root),
    coinex: coinexProof(target, tree, assetDecimals(sqlite)),
  };
}

function notInTree(sqlite: Database.Database, accountId: string): AppError {
  const known = sqlite.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId);
  return new AppError(
    'not_found',
    known
      ? 'Nothing is owed to this account, so it has no leaf in the published tree.'
      : `No account "${accountId}" in the imported snapshot.`,
  );
}

function makewholeProof(
  target: AccountPath,
  tree: ClaimTree,
  root: PublishedRoot,
): MakewholeProofJson {
  return {
    format: PROOF_FORMAT,
    accountId: target.accountId,
    nonce: target.nonce,
    balances: totalsJson(target.sums),
    leafHash: target.leafHash,
    path: target.path.map((step) => ({
      side: step.side,
      hash: step.hash,
      balances: totalsJson(step.sums),
      parentHash: step.parentHash,
    })),
    root: {
      hash: tree.rootHash,
      totals: totalsJson(tree.totals),
      claimSetVersion: tree.claimSetVersion,
      snapshotAt: tree.snapshotAt,
      leafCount: tree.leafCount,
      ledgerTx: root.txSeq,
      publishedAt: root.publishedAt,
    },
  };
}

function coinexProof(
  target: AccountPath,
  tree: ClaimTree,
  decimals: ReadonlyMap<string, number>,
): CoinexProofJson {
  const balances = (sums: Sums): BalancesJson =>
    Object.fromEntries(
      sums.map(([asset, units]) => [asset, coinexAmount(units, decimals.get(asset) as number)]),
    );
  return {
    root: { balances: balances(tree.totals), hash: tree.coinexRootHash },
    self: { balances: balances(target.sums), nonce: target.nonce },
    path: target.coinexPath.map((step): CoinexProofJson['path'][number] =>
      step === null ? {} : { balances: balances(step.sums), hash: step.hash, pos: step.pos },
    ),
  };
}

function assetDecimals(sqlite: Database.Database): Map<string, number> {
  return new Map(
    sqlite.prepare('SELECT asset, decimals FROM assets').raw().all() as [string, number][],
  );
}
