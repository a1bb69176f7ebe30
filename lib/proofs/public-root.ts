import type Database from 'better-sqlite3';
import type { PublishedRootRef } from './proof-json';
import { latestRoot, publishedRoots, rootRef, type PublishedRoot } from './published-roots';

/** What anyone may see of the published roots: hashes, totals, times; never a nonce or an id. */
export type PublicRoots = {
  root: PublishedRoot;
  totals: { asset: string; name: string; decimals: number; units: string }[];
  /** Newest first, for a checker to recognise a proof of an earlier root. */
  recent: PublishedRootRef[];
  /** Decimals of every asset in the root, to show a proof's amounts in asset units. */
  decimals: Record<string, number>;
};

const RECENT_ROOTS = 20;

/** The root in force and its recent predecessors; null before any root is published. Reads only. */
export function publicRoots(sqlite: Database.Database): PublicRoots | null {
  const root = latestRoot(sqlite);
  if (!root) return null;
  const assets = sqlite
    .prepare('SELECT asset, name, decimals FROM assets ORDER BY asset')
    .all() as {
    asset: string;
    name: string;
    decimals: number;
  }[];
  const totals = assets.flatMap((a) => {
    const units = root.totals[a.asset];
    return units === undefined ? [] : [{ ...a, units }];
  });
  return {
    root,
    totals,
    recent: publishedRoots(sqlite, RECENT_ROOTS).map(rootRef),
    decimals: Object.fromEntries(totals.map((t) => [t.asset, t.decimals])),
  };
}
