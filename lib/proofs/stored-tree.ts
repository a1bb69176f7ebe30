import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import type { AccountPath, LeafInTreeOrder, TreeSink } from './build-tree';
import { assetDecimals, parseBalancesLine, sumItemFactory } from './build-tree';
import { MerkleSumBuilder, type LevelNode } from './merkle-sum-builder';

/**
 * Levels below this are rebuilt from one block of 2^PROOF_BLOCK_LEVEL leaves when a proof is
 * asked for; nodes from it up are kept. At a million leaves that keeps about two thousand upper
 * nodes (each may carry every asset's sum) and reads one block of 1,024 leaves per proof.
 */
export const PROOF_BLOCK_LEVEL = 10;

export type TreeWriter = TreeSink & {
  /** Names the finished tree by its root; false when that root's tree was already kept. */
  finish(rootHash: string, leafCount: number): boolean;
};

/** Writes a tree as it is built. Must run inside the publishing write transaction. */
export function treeWriter(sqlite: Database.Database, blockLevel = PROOF_BLOCK_LEVEL): TreeWriter {
  // Leaves are never kept as nodes: the lowest kept level must be above them.
  if (!(Number.isInteger(blockLevel) && blockLevel >= 1))
    throw new Error(`Proof block level must be a whole number ≥ 1, not ${blockLevel}.`);
  const treeId = Number(
    sqlite
      .prepare('INSERT INTO proof_trees (root_hash, leaf_count, block_level) VALUES (NULL, 0, ?)')
      .run(blockLevel).lastInsertRowid,
  );
  // Upper nodes arrive while the leaves are being read, when the connection cannot write:
  // they are few (two per block of leaves), kept as text and written at the end.
  const nodes: [level: number, index: number, hash: string, coinexHash: string, line: string][] =
    [];
  return {
    fromLevel: blockLevel,
    keepLeaves(table) {
      // Both inserts append in their table's key order: the leaves sorted by commitment (tree
      // order), then each account's position sorted by account id.
      sqlite
        .prepare(
          `INSERT INTO proof_tree_leaves (tree_id, position, account_id, nonce, balances, leaf_hash, coinex_hash)
           SELECT ?, row_number() OVER (ORDER BY commitment) - 1, account_id, nonce, balances, leaf_hash, coinex_hash
           FROM ${table} ORDER BY commitment`,
        )
        .run(treeId);
      sqlite
        .prepare(
          `INSERT INTO proof_tree_accounts (tree_id, account_id, position)
           SELECT tree_id, account_id, position FROM proof_tree_leaves WHERE tree_id = ? ORDER BY account_id`,
        )
        .run(treeId);
      return sqlite
        .prepare(
          `SELECT account_id, nonce, balances, leaf_hash, coinex_hash FROM proof_tree_leaves
           WHERE tree_id = ? ORDER BY position`,
        )
        .raw()
        .iterate(treeId) as IterableIterator<LeafInTreeOrder>;
    },
    node: (node: LevelNode) =>
      nodes.push([
        node.level,
        node.index,
        node.hash,
        node.coinexHash,
        node.items.map((i) => i.line).join(','),
      ]),
    finish(rootHash, leafCount) {
      const kept = sqlite.prepare('SELECT 1 FROM proof_trees WHERE root_hash = ?').get(rootHash);
      if (kept) {
        sqlite.prepare('DELETE FROM proof_tree_accounts WHERE tree_id = ?').run(treeId);
        sqlite.prepare('DELETE FROM proof_tree_leaves WHERE tree_id = ?').run(treeId);
        sqlite.prepare('DELETE FROM proof_trees WHERE id = ?').run(treeId);
        return false;
      }
      const insertNode = sqlite.prepare(
        // A node that rises alone has a row at each level it reaches.
        `INSERT INTO proof_tree_nodes (tree_id, level, idx, hash, coinex_hash, balances)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const node of nodes) insertNode.run(treeId, ...node);
      sqlite
        .prepare('UPDATE proof_trees SET root_hash = ?, leaf_count = ? WHERE id = ?')
        .run(rootHash, leafCount, treeId);
      return true;
    },
  };
}

/** Whether the tree of this root is kept, so its proofs can be answered. */
export function hasStoredTree(sqlite: Database.Database, rootHash: string): boolean {
  return (
    sqlite.prepare('SELECT 1 FROM proof_trees WHERE root_hash = ?').get(rootHash) !== undefined
  );
}

type TreeRow = { id: number; leafCount: number; blockLevel: number };
type LeafRow = [
  position: number,
  accountId: string,
  nonce: string,
  balances: string,
  leafHash: string,
  coinexHash: string,
];
type NodeRow = [hash: string, coinexHash: string, balances: string];

/**
 * One account's path in a kept tree, from a handful of indexed reads: its leaf, its block of
 * leaves, and one kept node per level above the block. The path is rebuilt by replaying those
 * in leaf order through the same builder that made the tree, so it cannot differ from it.
 * Null when the account has no leaf in that tree.
 */
export function storedAccountPath(
  sqlite: Database.Database,
  rootHash: string,
  accountId: string,
): { path: AccountPath; rootHash: string } | null {
  const tree = sqlite
    .prepare(
      'SELECT id, leaf_count AS leafCount, block_level AS blockLevel FROM proof_trees WHERE root_hash = ?',
    )
    .get(rootHash) as TreeRow | undefined;
  if (!tree)
    throw new AppError(
      'not_found',
      'The proofs of this root were not kept (it was published before proofs were stored): ask for a proof in a root published since.',
    );
  const position = sqlite
    .prepare('SELECT position FROM proof_tree_accounts WHERE tree_id = ? AND account_id = ?')
    .pluck()
    .get(tree.id, accountId) as number | undefined;
  if (position === undefined) return null;

  const item = sumItemFactory(assetDecimals(sqlite));
  const itemsOf = (balances: string) =>
    parseBalancesLine(balances).map(([asset, units]) => item(asset, units));
  const nodeStatement = sqlite
    .prepare(
      'SELECT hash, coinex_hash, balances FROM proof_tree_nodes WHERE tree_id = ? AND level = ? AND idx = ?',
    )
    .raw();
  const node = (level: number, index: number): LevelNode => {
    const row = nodeStatement.get(tree.id, level, index) as NodeRow | undefined;
    if (!row) throw new Error(`Kept proof tree ${tree.id} lacks node ${level}/${index}.`);
    return { level, index, hash: row[0], coinexHash: row[1], items: itemsOf(row[2]) };
  };

  const { leafCount: n, blockLevel: low } = tree;
  let top = 0;
  while (2 ** top < n) top += 1;
  const builder = new MerkleSumBuilder(item);
  // Left siblings above the block, leftmost (highest) first.
  for (let level = top - 1; level >= low; level -= 1) {
    const index = Math.floor(position / 2 ** level);
    if (index % 2 === 1) builder.addSubtree(node(level, index - 1));
  }
  const blockStart = Math.floor(position / 2 ** low) * 2 ** low;
  const block = sqlite
    .prepare(
      `SELECT position, account_id, nonce, balances, leaf_hash, coinex_hash FROM proof_tree_leaves
       WHERE tree_id = ? AND position >= ? AND position < ? ORDER BY position`,
    )
    .raw()
    .all(tree.id, blockStart, blockStart + 2 ** low) as LeafRow[];
  const leaf = block.find(([at]) => at === position);
  if (!leaf) throw new Error(`Kept proof tree ${tree.id} lacks leaf ${position}.`);
  for (const [at, , , balances, hash, coinexHash] of block)
    builder.addLeaf({ hash, coinexHash, items: itemsOf(balances) }, at === position);
  // Right siblings above the block, nearest (lowest) first.
  for (let level = low; level < top; level += 1) {
    const index = Math.floor(position / 2 ** level);
    if (index % 2 === 0 && (index + 1) * 2 ** level < n) builder.addSubtree(node(level, index + 1));
  }
  const root = builder.finish();
  if (root.hash !== rootHash)
    throw new Error(`Kept proof tree ${tree.id} does not rebuild to its root ${rootHash}.`);
  const [, id, nonce, balances, leafHash, coinexLeafHash] = leaf;
  return {
    rootHash: root.hash,
    path: {
      accountId: id,
      nonce,
      sums: parseBalancesLine(balances),
      leafHash,
      coinexLeafHash,
      path: builder.path,
      coinexPath: builder.coinexPath,
    },
  };
}
