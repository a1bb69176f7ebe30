import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { assetDecimals, type AccountPath } from './build-tree';
import { coinexAmount, PROOF_FORMAT, type Sums } from './encoding';
import type { BalancesJson, CoinexProofJson, MakewholeProofJson } from './proof-json';
import { totalsJson } from './publish-root';
import { latestRoot, rootById, type PublishedRoot } from './published-roots';
import { storedAccountPath } from './stored-tree';

export type AccountProof = {
  root: PublishedRoot;
  makewhole: MakewholeProofJson;
  coinex: CoinexProofJson;
};

/**
 * One account's inclusion proof, in both formats, in the root in force or in an earlier
 * published root (`rootId`). Read from the tree kept when that root was published: a few
 * indexed reads, never a rebuild, and nothing is written.
 */
export function accountProof(
  sqlite: Database.Database,
  accountId: string,
  options: { rootId?: number } = {},
): AccountProof {
  const read = sqlite.transaction(() => {
    const root =
      options.rootId === undefined ? latestRoot(sqlite) : rootById(sqlite, options.rootId);
    if (!root)
      throw new AppError(
        'not_found',
        options.rootId === undefined
          ? 'No proof root has been published yet.'
          : `No published root ${options.rootId}.`,
      );
    return { root, stored: storedAccountPath(sqlite, root.rootHash, accountId) };
  })();
  if (!read.stored) throw notInTree(sqlite, accountId);
  const { root } = read;
  const target = read.stored.path;
  return {
    root,
    makewhole: makewholeProof(target, root),
    coinex: coinexProof(target, root, assetDecimals(sqlite)),
  };
}

function notInTree(sqlite: Database.Database, accountId: string): AppError {
  const known = sqlite.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId);
  return new AppError(
    'not_found',
    known
      ? 'Nothing was owed to this account when the root was published, so it has no leaf in that tree.'
      : `No account "${accountId}" in the imported snapshot.`,
  );
}

function makewholeProof(target: AccountPath, root: PublishedRoot): MakewholeProofJson {
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
      hash: root.rootHash,
      totals: root.totals,
      claimSetVersion: root.claimSetVersion,
      snapshotAt: root.snapshotAt,
      leafCount: root.leafCount,
      ledgerTx: root.txSeq,
      publishedAt: root.publishedAt,
    },
  };
}

function coinexProof(
  target: AccountPath,
  root: PublishedRoot,
  decimals: ReadonlyMap<string, number>,
): CoinexProofJson {
  const balances = (sums: Sums): BalancesJson =>
    Object.fromEntries(
      sums.map(([asset, units]) => [asset, coinexAmount(units, decimals.get(asset) as number)]),
    );
  return {
    root: {
      balances: balances(
        Object.entries(root.totals).map(([asset, units]) => [asset, BigInt(units)]),
      ),
      hash: root.coinexRootHash ?? '',
    },
    self: { balances: balances(target.sums), nonce: target.nonce },
    path: target.coinexPath.map((step): CoinexProofJson['path'][number] =>
      step === null ? {} : { balances: balances(step.sums), hash: step.hash, pos: step.pos },
    ),
  };
}
