import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import {
  canonicalJson,
  GENESIS_HASH,
  payloadHash,
  POSTING_LINE_SQL,
  PostingsDigest,
  transactionHash,
} from './hash';
import { AssetSums } from './line-sums';

/** Postings per query: one row of joined text each, not one row per posting. */
export const CHAIN_BATCH_POSTINGS = 16_384;

/** An amount as the ledger stores one: an integer count of units, without leading zeros. */
export const UNITS = /^-?(0|[1-9][0-9]*)$/;

/** A ledger_transactions row as both chain walks read it, column for column. */
export type TxRow = [
  number,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number | null,
  number,
];

type Batch = [number, number | null, number | null, Buffer | null];

function prepare(sqlite: Database.Database) {
  return {
    txs: sqlite
      .prepare(
        `SELECT seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, first_posting_id, posting_count
         FROM ledger_transactions ORDER BY seq`,
      )
      .raw(),
    // The lines of a run of ids, joined in C and read as bytes: hashed as they are, and parsed
    // for the sums, where a value holding a tab or `\n` shows as lines that do not add up.
    batch: sqlite
      .prepare(
        `SELECT count(*), min(tx_seq), max(tx_seq),
                CAST(group_concat(line, char(10)) || char(10) AS BLOB)
         FROM (SELECT tx_seq, ${POSTING_LINE_SQL} AS line FROM ledger_postings
               WHERE id BETWEEN ? AND ? ORDER BY id)`,
      )
      .raw(),
    ids: sqlite.prepare('SELECT min(id), max(id) FROM ledger_postings').raw(),
  };
}

/** One transaction's postings, ids first..first+count-1, into its digest and sums; false if off. */
function readPostings(
  batch: Database.Statement,
  seq: number,
  first: number,
  count: number,
  digest: PostingsDigest,
  sums: AssetSums,
): boolean {
  for (let lo = first; lo < first + count; lo += CHAIN_BATCH_POSTINGS) {
    const hi = Math.min(first + count, lo + CHAIN_BATCH_POSTINGS) - 1;
    const [n, minSeq, maxSeq, lines] = batch.get(lo, hi) as Batch;
    if (n !== hi - lo + 1 || minSeq !== seq || maxSeq !== seq || lines === null) return false;
    // The walk hashes the text as JavaScript reads it: the same bytes only if they are UTF-8.
    if (!isUtf8(lines) || !sums.addLines(lines, n, 1)) return false;
    digest.addBytes(lines, n);
  }
  return true;
}

/**
 * Whether a transaction whose postings were all read, clean, into `digest` and `sums` balances
 * and matches its payload hash and header hash as its row says.
 */
export function closesClean(row: TxRow, digest: PostingsDigest, sums: AssetSums): boolean {
  const [seq, key, kind, storedPayload, memo, actor, createdAt, prevHash, storedHash] = row;
  const [firstPostingId, postingCount] = [row[9], row[10]];
  for (const [, sum] of sums.totals()) if (sum !== 0n) return false;
  let memoJson: string;
  try {
    memoJson = canonicalJson(JSON.parse(memo));
  } catch {
    return false;
  }
  if (payloadHash(kind, memoJson, digest.hex()) !== storedPayload) return false;
  const header = { seq, idempotencyKey: key, kind, payloadHash: storedPayload, actor, createdAt };
  return transactionHash({ ...header, prevHash, firstPostingId, postingCount }) === storedHash;
}

/** One transaction opened by CleanChain: the run of postings to read into its digest and sums. */
export type OpenTransaction = {
  row: TxRow;
  digest: PostingsDigest;
  sums: AssetSums;
  /** The first posting id and how many, or null for a transaction without postings. */
  run: [first: number, count: number] | null;
};

/**
 * The bookkeeping of a batched chain check, the same on either engine: each transaction follows
 * the one before it, its postings are exactly the ids its row names, contiguous from the first
 * posting to the last, and every posting lies in some transaction's run.
 */
export class CleanChain {
  private nextId: number | null;
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  private transactions = 0;
  private postings = 0;

  constructor(
    private readonly minId: number | null,
    private readonly maxId: number | null,
  ) {
    this.nextId = minId;
  }

  /** The transaction's run of postings to read, or null if its row already breaks the chain. */
  open(row: TxRow): OpenTransaction | null {
    const [seq, , , , , , , prevHash, , firstPostingId, postingCount] = row;
    this.transactions += 1;
    if (seq !== this.expectedSeq || prevHash !== this.expectedPrev) return null;
    const opened = { row, digest: new PostingsDigest(), sums: new AssetSums(), run: null };
    if (postingCount === 0) return firstPostingId === null ? opened : null;
    if (firstPostingId === null || firstPostingId !== this.nextId) return null;
    return { ...opened, run: [firstPostingId, postingCount] };
  }

  /** After its postings were read clean: whether it balances and hashes as its row says. */
  close({ row, digest, sums, run }: OpenTransaction): boolean {
    if (!closesClean(row, digest, sums)) return false;
    if (run) {
      this.nextId = run[0] + run[1];
      this.postings += run[1];
    }
    this.expectedPrev = row[8];
    this.expectedSeq = row[0] + 1;
    return true;
  }

  /** The counts once every transaction closed clean, or null if some posting lies outside. */
  counts(): { transactions: number; postings: number } | null {
    const { minId, maxId, nextId, postings } = this;
    const covered = minId === null ? postings === 0 : nextId === (maxId ?? 0) + 1;
    return covered ? { transactions: this.transactions, postings } : null;
  }
}

/**
 * The chain and balance checks for a clean ledger, a query per run of postings instead of a row
 * per posting. It proves what verify's posting-by-posting walk would find, no problem at all:
 * every amount canonical, sums zero and hashes equal, as CleanChain keeps. Returns the counts, or
 * null at the first thing that is not so; the walk then finds and names it.
 */
export function cleanChainCounts(
  sqlite: Database.Database,
): { transactions: number; postings: number } | null {
  const s = prepare(sqlite);
  const [minId, maxId] = s.ids.get() as [number | null, number | null];
  const chain = new CleanChain(minId, maxId);
  for (const row of s.txs.iterate() as IterableIterator<TxRow>) {
    const tx = chain.open(row);
    if (!tx) return null;
    if (tx.run && !readPostings(s.batch, row[0], ...tx.run, tx.digest, tx.sums)) return null;
    if (!chain.close(tx)) return null;
  }
  return chain.counts();
}
