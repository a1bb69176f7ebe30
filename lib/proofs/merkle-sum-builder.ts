import { hash as digest } from 'node:crypto';
import { EMPTY_TREE_PREIMAGE, nodePreimageOfLines, type Entry, type Sums } from './encoding';

/** One-shot SHA-256 of UTF-8 text: the tree hashes millions of short strings. */
export const sha256Hex = (text: string) => digest('sha256', text, 'hex');

/** One level of a Makewhole path: the sibling, its side, and the parent both make. */
export type PathStep = { side: 'left' | 'right'; hash: string; sums: Sums; parentHash: string };
/** One level of a CoinEx path: the sibling, or null where the node rose alone (`{}`). */
export type CoinexStep = { pos: 'left' | 'right'; hash: string; sums: Sums } | null;

export type TreeRoot = { hash: string; coinexHash: string; sums: Sums };

/**
 * One asset's amount in a node, with its text in both encodings: `BTC:150000000` and
 * `"BTC":"1.5"`. An amount that only one child holds passes up unchanged, text and all, so
 * only the amounts that two children share are ever added and formatted again.
 */
export type SumItem = { asset: string; units: bigint; line: string; json: string };

export type HashedLeaf = { hash: string; coinexHash: string; items: SumItem[] };

type TreeNode = HashedLeaf & {
  level: number;
  /** Position of the node's first leaf: at level k the node's index is `start >> k`. */
  start: number;
  onPath: boolean;
  line: string;
};

/** A node as the tree has it at one level: what a proof needs of a sibling there. */
export type LevelNode = {
  level: number;
  index: number;
  hash: string;
  coinexHash: string;
  items: SumItem[];
};

function lineOf(items: readonly SumItem[]): string {
  let line = '';
  for (const item of items) line = line === '' ? item.line : `${line},${item.line}`;
  return line;
}

export function coinexJsonOf(items: readonly SumItem[]): string {
  let json = '';
  for (const item of items) json = json === '' ? item.json : `${json},${item.json}`;
  return `{${json}}`;
}

const sumsOf = (items: readonly SumItem[]): Entry[] => items.map((i) => [i.asset, i.units]);

/**
 * Builds both trees (Makewhole's and the CoinEx verifier's) over the same leaves in one pass,
 * streaming: it keeps one pending node per level, so memory is O(log n) whatever the leaf
 * count. Pairs are (0,1), (2,3), … at every level; the last node of an odd level rises alone.
 * While building, it records the sibling path of the one leaf marked `onPath`.
 */
export class MerkleSumBuilder {
  private readonly stack: TreeNode[] = [];
  readonly path: PathStep[] = [];
  readonly coinexPath: CoinexStep[] = [];
  leafCount = 0;

  /**
   * `item` makes a SumItem for a new sum (the CoinEx text needs the asset's decimals).
   * `onNode` sees every node at level `fromLevel` and above, once per level it stands at.
   */
  constructor(
    private readonly item: (asset: string, units: bigint) => SumItem,
    private readonly keep?: { fromLevel: number; onNode: (node: LevelNode) => void },
  ) {}

  addLeaf(leaf: HashedLeaf, onPath = false): void {
    const { hash, coinexHash, items } = leaf;
    const start = this.leafCount;
    this.leafCount += 1;
    this.push({ hash, coinexHash, items, line: lineOf(items), level: 0, start, onPath });
  }

  /**
   * Puts in a whole subtree, as the tree has it at `node.level`, in its place in leaf order:
   * replaying a path's siblings this way rebuilds the path without the rest of the tree.
   */
  addSubtree(node: LevelNode): void {
    const { level, hash, coinexHash, items } = node;
    const start = node.index * 2 ** level;
    this.push({ hash, coinexHash, items, line: lineOf(items), level, start, onPath: false });
  }

  finish(): TreeRoot {
    if (this.stack.length === 0) {
      const hash = sha256Hex(EMPTY_TREE_PREIMAGE);
      return { hash, coinexHash: hash, sums: [] };
    }
    // What is left are complete subtrees of strictly decreasing height: the smallest rises
    // alone until it meets the next one's height, then pairs with it as its right child.
    while (this.stack.length > 1) {
      const top = this.stack.pop() as TreeNode;
      this.stack.push(this.rise(top));
      this.mergeEqualLevels();
    }
    const root = this.stack[0] as TreeNode;
    return { hash: root.hash, coinexHash: root.coinexHash, sums: sumsOf(root.items) };
  }

  private push(node: TreeNode): void {
    this.stack.push(node);
    this.mergeEqualLevels();
  }

  private kept(node: TreeNode): TreeNode {
    if (this.keep && node.level >= this.keep.fromLevel) {
      const { level, hash, coinexHash, items } = node;
      this.keep.onNode({
        level,
        index: Math.floor(node.start / 2 ** level),
        hash,
        coinexHash,
        items,
      });
    }
    return node;
  }

  private mergeEqualLevels(): void {
    for (;;) {
      const right = this.stack[this.stack.length - 1];
      const left = this.stack[this.stack.length - 2];
      if (!left || !right || left.level !== right.level) return;
      this.stack.length -= 2;
      this.stack.push(this.merge(left, right));
    }
  }

  private merge(left: TreeNode, right: TreeNode): TreeNode {
    const items = this.addItems(left.items, right.items);
    const parent: TreeNode = {
      level: left.level + 1,
      start: left.start,
      hash: sha256Hex(nodePreimageOfLines(left.hash, left.line, right.hash, right.line)),
      coinexHash: sha256Hex(left.coinexHash + right.coinexHash + coinexJsonOf(items)),
      items,
      line: lineOf(items),
      onPath: left.onPath || right.onPath,
    };
    const [own, sibling, side] = left.onPath
      ? [left, right, 'right' as const]
      : [right, left, 'left' as const];
    if (own.onPath) {
      const sums = sumsOf(sibling.items);
      this.path.push({ side, hash: sibling.hash, sums, parentHash: parent.hash });
      this.coinexPath.push({ pos: side, hash: sibling.coinexHash, sums });
    }
    return this.kept(parent);
  }

  /** A node without a right sibling: unchanged in Makewhole's tree, re-hashed in CoinEx's. */
  private rise(node: TreeNode): TreeNode {
    if (node.onPath) this.coinexPath.push(null);
    return this.kept({
      ...node,
      level: node.level + 1,
      coinexHash: sha256Hex(node.coinexHash + node.coinexHash + coinexJsonOf(node.items)),
    });
  }

  /** `addSums` over items: asset symbols are ASCII, where `<` is byte order. */
  private addItems(a: readonly SumItem[], b: readonly SumItem[]): SumItem[] {
    const sum: SumItem[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i] as SumItem;
      const y = b[j] as SumItem;
      if (x.asset < y.asset) {
        sum.push(x);
        i += 1;
      } else if (x.asset > y.asset) {
        sum.push(y);
        j += 1;
      } else {
        sum.push(this.item(x.asset, x.units + y.units));
        i += 1;
        j += 1;
      }
    }
    for (; i < a.length; i += 1) sum.push(a[i] as SumItem);
    for (; j < b.length; j += 1) sum.push(b[j] as SumItem);
    return sum;
  }
}
