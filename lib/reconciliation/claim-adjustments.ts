import type Database from 'better-sqlite3';
import { claimantOf, CLAIM_RANGE, PROGRAM } from '@/lib/ledger/accounts';

export type ClaimAdjustment = {
  seq: number;
  at: string;
  /** The claimant accounts' legs of the transaction: what each claim changed by. */
  legs: { accountId: string; asset: string; units: bigint }[];
};

/**
 * Every transaction after `afterSeq` that changed what is owed (any posting on the adjustments
 * counter, whatever its kind), with its claim legs. Adjustments are few: found through the
 * postings index on the counter account, each transaction's postings by their id range.
 */
export function claimAdjustments(sqlite: Database.Database, afterSeq = 0): ClaimAdjustment[] {
  const seqs = sqlite
    .prepare(
      'SELECT DISTINCT tx_seq FROM ledger_postings WHERE account = ? AND tx_seq > ? ORDER BY tx_seq',
    )
    .pluck()
    .all(PROGRAM.adjustments, afterSeq) as number[];
  const tx = sqlite.prepare(
    'SELECT created_at AS at, first_posting_id AS first, posting_count AS count FROM ledger_transactions WHERE seq = ?',
  );
  const postings = sqlite
    .prepare(
      'SELECT account, asset, amount_units FROM ledger_postings WHERE id >= ? AND id < ? AND account >= ? AND account < ?',
    )
    .raw();
  return seqs.map((seq) => {
    const row = tx.get(seq) as { at: string; first: number | null; count: number };
    const legs =
      row.first === null
        ? []
        : (
            postings.all(row.first, row.first + row.count, ...CLAIM_RANGE) as [
              string,
              string,
              string,
            ][]
          ).map(([account, asset, units]) => ({
            accountId: claimantOf(account),
            asset,
            units: BigInt(units),
          }));
    return { seq, at: row.at, legs };
  });
}

/** The last transaction that changed what is owed: the import or the latest adjustment. */
export function lastClaimChange(sqlite: Database.Database): number {
  const adjusted = sqlite
    .prepare('SELECT max(tx_seq) FROM ledger_postings WHERE account = ?')
    .pluck()
    .get(PROGRAM.adjustments) as number | null;
  const imported = sqlite.prepare('SELECT max(tx_seq) FROM snapshots').pluck().get() as
    number | null;
  return Math.max(adjusted ?? 0, imported ?? 0);
}
