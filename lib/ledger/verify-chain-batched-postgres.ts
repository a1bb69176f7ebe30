import { sql } from 'drizzle-orm';
import { row, type Query } from '@/db/database';
import type { PostingsDigest } from './hash';
import { keysetPages, PAGE_ROWS } from './keyset-pages';
import type { AssetSums } from './line-sums';
import { CHAIN_BATCH_POSTINGS, CleanChain, type TxRow } from './verify-chain-batched';

type Tx = {
  seq: number;
  idempotency_key: string;
  kind: string;
  payload_hash: string;
  memo: string;
  actor: string;
  created_at: string;
  prev_hash: string;
  hash: string;
  first_posting_id: number | null;
  posting_count: number;
};

export const txRow = (t: Tx): TxRow => [
  t.seq,
  t.idempotency_key,
  t.kind,
  t.payload_hash,
  t.memo,
  t.actor,
  t.created_at,
  t.prev_hash,
  t.hash,
  t.first_posting_id,
  t.posting_count,
];

/** ledger_transactions in seq order, a page at a time. */
export const transactionRows = (q: Query) =>
  keysetPages<Tx>(
    q,
    (after) => sql`SELECT seq, idempotency_key, kind, payload_hash, memo, actor, created_at,
                          prev_hash, hash, first_posting_id, posting_count
                   FROM ledger_transactions ${after ? sql`WHERE seq > ${after.seq}` : sql``}
                   ORDER BY seq LIMIT ${PAGE_ROWS}`,
  );

type Batch = { n: number; lo: number | null; hi: number | null; lines: string | null };

/** One transaction's postings, ids first..first+count-1, into its digest and sums; false if off. */
async function readPostings(
  q: Query,
  seq: number,
  first: number,
  count: number,
  digest: PostingsDigest,
  sums: AssetSums,
): Promise<boolean> {
  for (let lo = first; lo < first + count; lo += CHAIN_BATCH_POSTINGS) {
    const hi = Math.min(first + count, lo + CHAIN_BATCH_POSTINGS) - 1;
    // The digest's lines, joined in the database: numeric's text is the canonical amount.
    const batch = await row<Batch>(
      q,
      sql`SELECT count(*) AS n, min(tx_seq) AS lo, max(tx_seq) AS hi,
                 string_agg(concat_ws(E'\t', account, asset, amount_units::text), E'\n' ORDER BY id) || E'\n' AS lines
          FROM ledger_postings WHERE id BETWEEN ${lo} AND ${hi}`,
    );
    if (!batch || batch.n !== hi - lo + 1 || batch.lo !== seq || batch.hi !== seq) return false;
    if (batch.lines === null) return false;
    const lines = Buffer.from(batch.lines, 'utf8');
    // A value holding a tab or `\n` shows as lines that do not add up; NaN as not canonical.
    if (!sums.addLines(lines, batch.n, 1)) return false;
    digest.addBytes(lines, batch.n);
  }
  return true;
}

/**
 * cleanChainCounts (verify-chain-batched.ts) on PostgreSQL: the chain and balance checks for a
 * clean ledger, a query per run of postings. Returns the counts, or null at the first thing that
 * is not clean; the posting-by-posting walk then finds and names it.
 */
export async function cleanChainCountsPostgres(
  q: Query,
): Promise<{ transactions: number; postings: number } | null> {
  const ids = await row<{ lo: number | null; hi: number | null }>(
    q,
    sql`SELECT min(id) AS lo, max(id) AS hi FROM ledger_postings`,
  );
  const chain = new CleanChain(ids?.lo ?? null, ids?.hi ?? null);
  for await (const tx of transactionRows(q)) {
    const opened = chain.open(txRow(tx));
    if (!opened) return null;
    const { run, digest, sums } = opened;
    if (run && !(await readPostings(q, tx.seq, ...run, digest, sums))) return null;
    if (!chain.close(opened)) return null;
  }
  return chain.counts();
}
