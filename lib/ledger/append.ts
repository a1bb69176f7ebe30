import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { canonicalJson, payloadHash, PostingsDigest } from './hash';
import {
  findByIdempotencyKey,
  LedgerWriter,
  type Appended,
  type Memo,
  type Posting,
  type TransactionHeader,
} from './writer';

export type AppendResult = Appended & { replayed: boolean };

/** The payload hash a transaction would get: used to tell a retry from a conflicting reuse. */
export function payloadHashOf(
  header: TransactionHeader,
  memo: Memo,
  postings: readonly Posting[],
): string {
  const digest = new PostingsDigest();
  for (const p of postings) if (p.amountUnits !== 0n) digest.add(p.account, p.asset, p.amountUnits);
  return payloadHash(header.kind, canonicalJson(memo), digest.hex());
}

/**
 * Appends one transaction, or returns the stored one when the same idempotency key was used with
 * the same payload (a retried command appends nothing twice). Must run inside a database
 * transaction: better-sqlite3's `db.transaction(fn)` with a synchronous fn.
 */
export function appendTransaction(
  sqlite: Database.Database,
  header: TransactionHeader & { memo: Memo },
  postings: readonly Posting[],
): AppendResult {
  const payload = payloadHashOf(header, header.memo, postings);
  const existing = findByIdempotencyKey(sqlite, header.idempotencyKey);
  if (existing) {
    if (existing.payloadHash !== payload) {
      throw new AppError(
        'idempotency_conflict',
        `Idempotency key ${header.idempotencyKey} was used for a different request.`,
      );
    }
    return {
      seq: existing.seq,
      hash: existing.hash,
      payloadHash: existing.payloadHash,
      postings: 0,
      replayed: true,
    };
  }
  const writer = new LedgerWriter(sqlite, header);
  for (const p of postings) writer.post(p.account, p.asset, p.amountUnits);
  return { ...writer.commit(header.memo), replayed: false };
}
