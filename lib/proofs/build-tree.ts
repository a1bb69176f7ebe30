import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { accountClaims, type ClaimSource } from './claim-rows';
import {
  accountPreimage,
  balancesLine,
  coinexAmount,
  leafPreimageOfLine,
  PROOF_FORMAT,
  type Entry,
  type Sums,
} from './encoding';
import {
  coinexJsonOf,
  MerkleSumBuilder,
  sha256Hex,
  type CoinexStep,
  type LevelNode,
  type PathStep,
  type SumItem,
} from './merkle-sum-builder';
import { accountNonce } from './proof-secret';

/** Everything one account needs to check that its claim is counted in the root. */
export type AccountPath = {
  accountId: string;
  nonce: string;
  sums: Sums;
  leafHash: string;
  coinexLeafHash: string;
  path: PathStep[];
  coinexPath: CoinexStep[];
};

export type ClaimTree = {
  rootHash: string;
  coinexRootHash: string;
  totals: Sums;
  leafCount: number;
  /** SHA-256 of every non-zero claim line in account order: changes exactly when a claim does. */
  claimSetVersion: string;
  snapshotAt: string | null;
  target: AccountPath | null;
};

export type BuildOptions = {
  secret: Buffer;
  source?: ClaimSource;
  /** The account whose sibling path to record while building. */
  target?: string;
  /** Called now and then: pass 1 counts accounts read, pass 2 leaves hashed into the tree. */
  onProgress?: (done: number, total: number) => void;
  /** Receives every leaf in tree order and the upper nodes, to answer proofs later. */
  sink?: TreeSink;
};

/** One leaf as pass 2 reads it, in tree order. */
export type LeafInTreeOrder = [
  accountId: string,
  nonce: string,
  balances: string,
  leafHash: string,
  coinexHash: string,
];

export type TreeSink = {
  fromLevel: number;
  /**
   * Keeps the leaves of `table` (commitment, account_id, nonce, balances, leaf_hash,
   * coinex_hash), numbered in commitment order: the tree's leaf order. Returns them, read back
   * in that order, so the tree is built from what was kept without sorting them again.
   */
  keepLeaves(table: string): IterableIterator<LeafInTreeOrder>;
  node(node: LevelNode): void;
};

const LEAVES = 'temp.proof_leaves';

/**
 * Builds the Merkle-sum tree over every account that is owed something. Pass 1 reads the
 * claims in account order (paged) and files each leaf under its account commitment in a
 * temporary table; pass 2 streams that table in commitment order into the builder. SQLite
 * sorts on disk, the builder keeps one node per level: memory stays bounded at any size.
 */
export function buildClaimTree(sqlite: Database.Database, options: BuildOptions): ClaimTree {
  // One read transaction: every query below sees the same claims.
  if (!sqlite.inTransaction) return sqlite.transaction(() => buildClaimTree(sqlite, options))();
  const decimals = assetDecimals(sqlite);
  sqlite.exec(
    // Appended in account order, read back sorted: SQLite's external sort beats keeping a
    // B-tree ordered by random keys while it grows past the page cache.
    `CREATE TEMP TABLE IF NOT EXISTS proof_leaves (commitment TEXT NOT NULL, account_id TEXT NOT NULL,
       nonce TEXT NOT NULL, balances TEXT NOT NULL, leaf_hash TEXT NOT NULL, coinex_hash TEXT NOT NULL)`,
  );
  sqlite.exec(`DELETE FROM ${LEAVES}`);
  try {
    const item = sumItemFactory(decimals);
    // Each account is read once (pass 1) and most become a leaf (pass 2).
    const accounts = sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
    const progress = (done: number) => options.onProgress?.(done, 2 * accounts);
    const claimSetVersion = fileLeaves(sqlite, options, decimals, item, progress);
    const sink = options.sink;
    const rows =
      sink?.keepLeaves(LEAVES) ??
      (sqlite
        .prepare(
          `SELECT account_id, nonce, balances, leaf_hash, coinex_hash FROM ${LEAVES} ORDER BY commitment`,
        )
        .raw()
        .iterate() as IterableIterator<LeafInTreeOrder>);
    const builder = new MerkleSumBuilder(
      item,
      sink && { fromLevel: sink.fromLevel, onNode: (node) => sink.node(node) },
    );
    let target: AccountPath | null = null;
    for (const [accountId, nonce, line, hash, coinexHash] of rows) {
      const items = parseBalancesLine(line).map(([asset, units]) => item(asset, units));
      builder.addLeaf({ hash, coinexHash, items }, accountId === options.target);
      // The builder keeps filling these paths as the rest of the tree is built above the leaf.
      if (accountId === options.target) {
        target = {
          accountId,
          nonce,
          sums: items.map((i) => [i.asset, i.units]),
          leafHash: hash,
          coinexLeafHash: coinexHash,
          path: builder.path,
          coinexPath: builder.coinexPath,
        };
      }
      if (builder.leafCount % 10_000 === 0) progress(accounts + builder.leafCount);
    }
    const root = builder.finish();
    progress(2 * accounts);
    return {
      rootHash: root.hash,
      coinexRootHash: root.coinexHash,
      totals: root.sums,
      leafCount: builder.leafCount,
      claimSetVersion,
      snapshotAt: snapshotAt(sqlite),
      target,
    };
  } finally {
    sqlite.exec(`DELETE FROM ${LEAVES}`);
  }
}

/**
 * Pass 1: each account that is owed something, hashed as a leaf, filed under its commitment.
 * Returns the claim-set version, hashed along the way.
 */
function fileLeaves(
  sqlite: Database.Database,
  options: BuildOptions,
  decimals: ReadonlyMap<string, number>,
  item: (asset: string, units: bigint) => SumItem,
  progress: (done: number) => void,
): string {
  const insert = sqlite.prepare(
    `INSERT INTO ${LEAVES} (commitment, account_id, nonce, balances, leaf_hash, coinex_hash) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const claimSet = createHash('sha256').update(`${PROOF_FORMAT} claim-set\n`, 'utf8');
  // Claim lines are hashed a chunk at a time: one update per line costs more than the hashing.
  let pending = '';
  let read = 0;
  for (const { accountId, lines } of accountClaims(sqlite, options.source ?? { kind: 'current' })) {
    read += 1;
    if (read % 10_000 === 0) progress(read);
    if (lines.length === 0) continue;
    const unknown = lines.find(([asset]) => !decimals.has(asset));
    if (unknown)
      throw new AppError('conflict', `Claim of ${accountId} names unknown asset ${unknown[0]}.`);
    const nonce = accountNonce(options.secret, accountId);
    const commitment = sha256Hex(accountPreimage(nonce, accountId));
    const line = balancesLine(lines);
    const coinexJson = coinexJsonOf(lines.map(([asset, units]) => item(asset, units)));
    insert.run(
      commitment,
      accountId,
      nonce,
      line,
      sha256Hex(leafPreimageOfLine(commitment, line)),
      sha256Hex(nonce + coinexJson),
    );
    for (const [asset, units] of lines) pending += `${accountId}\t${asset}\t${units}\n`;
    if (pending.length >= 65_536) {
      claimSet.update(pending, 'utf8');
      pending = '';
    }
  }
  return claimSet.update(pending, 'utf8').digest('hex');
}

/** Makes a node amount with its text in both encodings (docs/PROOFS.md). */
export function sumItemFactory(decimals: ReadonlyMap<string, number>) {
  return (asset: string, units: bigint): SumItem => ({
    asset,
    units,
    line: `${asset}:${units}`,
    // Asset symbols are [A-Z0-9._-]: nothing in them needs escaping in JSON.
    json: `"${asset}":"${coinexAmount(units, decimals.get(asset) as number)}"`,
  });
}

export function parseBalancesLine(line: string): Entry[] {
  return line.split(',').map((pair) => {
    const colon = pair.indexOf(':');
    return [pair.slice(0, colon), BigInt(pair.slice(colon + 1))] as const;
  });
}

export function assetDecimals(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite.prepare('SELECT asset, decimals FROM assets').raw().all() as [
    string,
    number,
  ][];
  return new Map(rows);
}

function snapshotAt(sqlite: Database.Database): string | null {
  return (
    (sqlite.prepare('SELECT snapshot_at FROM snapshots ORDER BY id LIMIT 1').pluck().get() as
      string | undefined) ?? null
  );
}
