import type Database from 'better-sqlite3';
import { canonicalJson } from '@/lib/ledger/hash';
import { buildClaimTree, type ClaimTree } from './build-tree';
import { existingProofSecret } from './proof-secret';
import { ROOT_PUBLISHED, rootMemo } from './publish-root';
import { latestRoot, type PublishedRoot } from './published-roots';

/**
 * `current`: the root in force is exactly the tree of today's claims.
 * `stale`: it was right when published, but claims changed since (publish again; not tampering).
 * `mismatch`: the root does not follow from the claims it was published for, or its record
 * disagrees with the ledger: tampering or a lost secret.
 * `none`: no root was ever published.
 */
export type RootCheck = {
  ok: boolean;
  status: 'current' | 'stale' | 'mismatch' | 'none';
  message: string;
  root: PublishedRoot | null;
};

/** Recomputes the published root from the ledger and says whether it still holds. */
export function verifyPublishedRoot(sqlite: Database.Database): RootCheck {
  return sqlite.transaction(() => check(sqlite))();
}

function check(sqlite: Database.Database): RootCheck {
  const root = latestRoot(sqlite);
  const unrecorded = sqlite
    .prepare(
      'SELECT seq FROM ledger_transactions WHERE kind = ? AND seq NOT IN (SELECT tx_seq FROM proof_roots) ORDER BY seq LIMIT 1',
    )
    .pluck()
    .get(ROOT_PUBLISHED) as number | undefined;
  const mismatch = (message: string): RootCheck => ({
    ok: false,
    status: 'mismatch',
    message,
    root,
  });
  if (unrecorded !== undefined)
    return mismatch(
      `Ledger transaction ${unrecorded} published a proof root that proof_roots does not list.`,
    );
  if (!root)
    return { ok: true, status: 'none', message: 'No proof root has been published yet.', root };
  const recordProblem = compareRowWithLedger(root);
  if (recordProblem) return mismatch(recordProblem);
  const secret = existingProofSecret(sqlite);
  if (!secret)
    return mismatch('The proof secret is missing: no published proof can be reproduced.');

  const current = buildClaimTree(sqlite, { secret });
  if (sameRoot(current, root)) {
    return {
      ok: true,
      status: 'current',
      message: `The published root ${short(root.rootHash)} (ledger transaction ${root.txSeq}) matches the current claims.`,
      root,
    };
  }
  const then = buildClaimTree(sqlite, { secret, source: { kind: 'as-of', txSeq: root.txSeq } });
  if (sameRoot(then, root)) {
    return {
      ok: true,
      status: 'stale',
      message: `The published root ${short(root.rootHash)} matches the claims as of ledger transaction ${root.txSeq}, but claims changed since (current root would be ${short(current.rootHash)}): it is out of date, not tampered with. Publish it again.`,
      root,
    };
  }
  return mismatch(
    `The published root ${short(root.rootHash)} (ledger transaction ${root.txSeq}) does not follow from the claims it was published for (recomputed ${short(then.rootHash)}): the published root or the proof secret was altered.`,
  );
}

/** The proof_roots row must say what its ledger transaction recorded. */
function compareRowWithLedger(root: PublishedRoot): string | null {
  const memo = root.memo;
  if (!memo)
    return `proof_roots row ${root.id} points to ledger transaction ${root.txSeq}, which did not publish a root or whose memo is not a root's.`;
  const row = {
    rootHash: root.rootHash,
    totals: root.totals,
    claimSetVersion: root.claimSetVersion,
    leafCount: root.leafCount,
  };
  const recorded = {
    rootHash: memo.rootHash,
    totals: memo.totals,
    claimSetVersion: memo.claimSetVersion,
    leafCount: memo.leafCount,
  };
  return canonicalJson(row) === canonicalJson(recorded)
    ? null
    : `proof_roots row ${root.id} differs from what ledger transaction ${root.txSeq} recorded.`;
}

function sameRoot(tree: ClaimTree, root: PublishedRoot): boolean {
  return canonicalJson(rootMemo(tree)) === canonicalJson(root.memo);
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
