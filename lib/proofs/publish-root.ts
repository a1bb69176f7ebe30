import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { appendTransaction } from '@/lib/ledger/append';
import { buildClaimTree, type ClaimTree } from './build-tree';
import { PROOF_FORMAT, type Sums } from './encoding';
import { proofSecret } from './proof-secret';
import { latestRoot, type PublishedRoot } from './published-roots';

export const ROOT_PUBLISHED = 'proof.root_published';

/** What the ledger records for a root: everything in it follows from the claims and the secret. */
export function rootMemo(tree: ClaimTree) {
  return {
    format: PROOF_FORMAT,
    rootHash: tree.rootHash,
    coinexRootHash: tree.coinexRootHash,
    totals: totalsJson(tree.totals),
    claimSetVersion: tree.claimSetVersion,
    leafCount: tree.leafCount,
    snapshotAt: tree.snapshotAt,
  };
}

export const totalsJson = (sums: Sums): Record<string, string> =>
  Object.fromEntries(sums.map(([asset, units]) => [asset, units.toString()]));

/**
 * Computes the Merkle-sum root of every current claim and records it: a `proof.root_published`
 * ledger transaction (no postings) and a proof_roots row, in one transaction. Republishing an
 * unchanged claim set appends nothing. Safe to call inside a caller's transaction (the import,
 * an adjustment): it then joins it.
 */
export function publishRoot(
  sqlite: Database.Database,
  options: { actor?: string; onProgress?: (done: number, total: number) => void } = {},
): { root: PublishedRoot; appended: boolean } {
  return sqlite
    .transaction(() => {
      const secret = proofSecret(sqlite);
      const tree = buildClaimTree(sqlite, { secret, onProgress: options.onProgress });
      return recordRoot(sqlite, tree, options.actor ?? 'system');
    })
    .immediate();
}

/** Records an already built tree as the root in force. Must run inside a write transaction. */
export function recordRoot(
  sqlite: Database.Database,
  tree: ClaimTree,
  actor: string,
): { root: PublishedRoot; appended: boolean } {
  if (tree.snapshotAt === null)
    throw new AppError(
      'conflict',
      'No snapshot has been imported: there are no claims to publish.',
    );
  const tx = appendTransaction(
    sqlite,
    {
      idempotencyKey: `proof-root:${tree.rootHash}`,
      kind: ROOT_PUBLISHED,
      actor,
      memo: rootMemo(tree),
    },
    [],
  );
  const latest = latestRoot(sqlite);
  // A claim set that returns to an earlier state gets that earlier root back in force.
  if (!tx.replayed || latest?.rootHash !== tree.rootHash) {
    sqlite
      .prepare(
        'INSERT INTO proof_roots (tx_seq, root_hash, totals, claim_set_version, leaf_count, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        tx.seq,
        tree.rootHash,
        JSON.stringify(totalsJson(tree.totals)),
        tree.claimSetVersion,
        tree.leafCount,
        new Date().toISOString(),
      );
    recordAudit(drizzle(sqlite, { schema }), {
      action: ROOT_PUBLISHED,
      actorEmail: actor,
      subject: `proof-root:${tree.rootHash}`,
      detail: { txSeq: tx.seq, leafCount: tree.leafCount, claimSetVersion: tree.claimSetVersion },
    });
  }
  return { root: latestRoot(sqlite) as PublishedRoot, appended: !tx.replayed };
}
