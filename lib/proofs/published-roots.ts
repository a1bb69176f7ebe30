import type Database from 'better-sqlite3';
import { parseMemo, ROOT_PUBLISHED, type MemoOf } from '@/lib/ledger/vocabulary';
import type { PublishedRootRef } from './proof-json';

export type PublishedRoot = {
  id: number;
  txSeq: number;
  /** Hash of the ledger transaction that records the root (null if that transaction is gone). */
  txHash: string | null;
  rootHash: string;
  coinexRootHash: string | null;
  /** Per-asset totals in integer units. */
  totals: Record<string, string>;
  claimSetVersion: string;
  leafCount: number;
  snapshotAt: string | null;
  publishedAt: string;
  /** The ledger memo as recorded, to compare the row against; null when it is not a root's. */
  memo: MemoOf<typeof ROOT_PUBLISHED> | null;
};

type Row = {
  id: number;
  txSeq: number;
  rootHash: string;
  totals: string;
  claimSetVersion: string;
  leafCount: number;
  publishedAt: string;
  txHash: string | null;
  kind: string | null;
  memo: string | null;
};

/** Published roots, newest first (`offset` pages back): the first one is the root in force. */
export function publishedRoots(sqlite: Database.Database, limit = 20, offset = 0): PublishedRoot[] {
  const rows = sqlite
    .prepare(`SELECT ${ROOT_COLUMNS} ORDER BY r.id DESC LIMIT ? OFFSET ?`)
    .all(limit, offset) as Row[];
  return rows.map(toRoot);
}

const ROOT_COLUMNS = `r.id, r.tx_seq AS txSeq, r.root_hash AS rootHash, r.totals,
  r.claim_set_version AS claimSetVersion, r.leaf_count AS leafCount,
  r.created_at AS publishedAt, t.hash AS txHash, t.kind, t.memo
  FROM proof_roots r LEFT JOIN ledger_transactions t ON t.seq = r.tx_seq`;

/** One published root by its id, in force or not. */
export function rootById(sqlite: Database.Database, id: number): PublishedRoot | null {
  const row = sqlite.prepare(`SELECT ${ROOT_COLUMNS} WHERE r.id = ?`).get(id) as Row | undefined;
  return row ? toRoot(row) : null;
}

/** How many roots were ever published. */
export const rootCount = (sqlite: Database.Database): number =>
  sqlite.prepare('SELECT count(*) FROM proof_roots').pluck().get() as number;

export function latestRoot(sqlite: Database.Database): PublishedRoot | null {
  return publishedRoots(sqlite, 1)[0] ?? null;
}

export const rootRef = (root: PublishedRoot): PublishedRootRef => ({
  hash: root.rootHash,
  coinexHash: root.coinexRootHash,
  ledgerTx: root.txSeq,
  publishedAt: root.publishedAt,
});

function toRoot(row: Row): PublishedRoot {
  const memo =
    row.kind === ROOT_PUBLISHED.kind && row.memo !== null
      ? parseMemo(ROOT_PUBLISHED, row.memo)
      : null;
  return {
    id: row.id,
    txSeq: row.txSeq,
    txHash: row.txHash,
    rootHash: row.rootHash,
    coinexRootHash: memo?.coinexRootHash ?? null,
    totals: (parseObject(row.totals) ?? {}) as Record<string, string>,
    claimSetVersion: row.claimSetVersion,
    leafCount: row.leafCount,
    snapshotAt: memo?.snapshotAt ?? null,
    publishedAt: row.publishedAt,
    memo,
  };
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
