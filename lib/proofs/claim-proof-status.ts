import type Database from 'better-sqlite3';
import { claimAccount } from '@/lib/ledger/accounts';
import { publishedRoots } from './published-roots';

const ROOT_CHOICES = 20;

export type ClaimProofStatus = {
  /** The roots a claimant may ask for a proof in, newest (the one in force) first. */
  roots: { id: number; publishedAt: string }[];
  /** The claim changed (an adjustment) after the root in force was published. */
  changedSinceRoot: boolean;
};

/** What the claim page says about proofs: a few indexed reads, nothing written. */
export function claimProofStatus(sqlite: Database.Database, accountId: string): ClaimProofStatus {
  const roots = publishedRoots(sqlite, ROOT_CHOICES);
  const inForce = roots[0];
  // Only the import and adjustments post to a claim account; the import precedes every root.
  const lastChange = sqlite
    .prepare('SELECT max(tx_seq) FROM ledger_postings WHERE account = ?')
    .pluck()
    .get(claimAccount(accountId)) as number | null;
  return {
    roots: roots.map((r) => ({ id: r.id, publishedAt: r.publishedAt })),
    changedSinceRoot: inForce !== undefined && lastChange !== null && lastChange > inForce.txSeq,
  };
}
