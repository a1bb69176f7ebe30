import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { systemActor, userActor, type LedgerActor } from '@/lib/ledger/actor';
import { appendEntry, ROOT_PUBLISHED as ROOT_PUBLISHED_ENTRY } from '@/lib/ledger/vocabulary';
import { buildClaimTree, type ClaimTree } from './build-tree';
import { claimPostedSince } from './claim-rows';
import { PROOF_FORMAT, type Sums } from './encoding';
import { proofSecret } from './proof-secret';
import { latestRoot, type PublishedRoot } from './published-roots';
import { treeWriter } from './stored-tree';

export const ROOT_PUBLISHED = ROOT_PUBLISHED_ENTRY.kind;

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
 * ledger transaction (no postings), a proof_roots row and the kept tree that answers every
 * account's proof in it, in one transaction. When no claim was posted to since the root in
 * force, that root is returned at once, before any tree is built; a claim set that changed and
 * changed back is rebuilt and gets its earlier root back. Either way nothing new is appended or
 * kept. Whole-tree work: run it from the command line or a background job, never on a request.
 * Safe to call inside a caller's transaction (the import): it then joins it.
 */
export function publishRoot(
  sqlite: Database.Database,
  options: {
    /** Who asked, as the audit trail names them: an email, or a process (`cli`, `demo`). */
    actor?: string;
    /** The signed-in user who asked, if any: the ledger then names them `user:<id>`. */
    actorUserId?: number | null;
    onProgress?: (done: number, total: number) => void;
    /** Levels rebuilt from one block of leaves per proof (tests use small trees). */
    blockLevel?: number;
  } = {},
): { root: PublishedRoot; appended: boolean } {
  return sqlite
    .transaction(() => {
      const inForce = unchangedRoot(sqlite);
      if (inForce) return { root: inForce, appended: false };
      return buildAndRecordRoot(sqlite, options);
    })
    .immediate();
}

/**
 * The whole-tree part of publishing: builds the tree of every current claim, keeps it and records
 * its root. Must run inside a write transaction; `publishRoot` calls it only when a claim changed
 * (the benchmark calls it inside a transaction it rolls back, to time a publication).
 */
export function buildAndRecordRoot(
  sqlite: Database.Database,
  options: Parameters<typeof publishRoot>[1] = {},
): { root: PublishedRoot; appended: boolean } {
  const secret = proofSecret(sqlite);
  const sink = treeWriter(sqlite, options.blockLevel);
  const tree = buildClaimTree(sqlite, { secret, onProgress: options.onProgress, sink });
  const recorded = recordRoot(sqlite, tree, {
    name: options.actor ?? 'system',
    ledger:
      options.actorUserId == null
        ? systemActor(options.actor ?? 'system')
        : userActor(options.actorUserId),
    userId: options.actorUserId ?? null,
  });
  sink.finish(tree.rootHash, tree.leafCount);
  return recorded;
}

/**
 * The root in force when nothing it commits to can have changed since it was recorded: it
 * matches its own ledger transaction and no claim was posted to after that transaction. Cheap
 * (what happened since, not the claims), so an unchanged claim set never costs a tree build.
 */
function unchangedRoot(sqlite: Database.Database): PublishedRoot | null {
  const root = latestRoot(sqlite);
  if (!root || root.memo?.rootHash !== root.rootHash) return null;
  if (root.memo.claimSetVersion !== root.claimSetVersion) return null;
  return claimPostedSince(sqlite, root.txSeq) ? null : root;
}

/** Records an already built tree as the root in force. Must run inside a write transaction. */
function recordRoot(
  sqlite: Database.Database,
  tree: ClaimTree,
  actor: { name: string; ledger: LedgerActor; userId: number | null },
): { root: PublishedRoot; appended: boolean } {
  if (tree.snapshotAt === null)
    throw new AppError(
      'conflict',
      'No snapshot has been imported: there are no claims to publish.',
    );
  const tx = appendEntry(
    sqlite,
    ROOT_PUBLISHED_ENTRY,
    {
      idempotencyKey: ROOT_PUBLISHED_ENTRY.key(tree.rootHash),
      actor: actor.ledger,
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
    recordAudit(drizzle(sqlite, { schema }), ROOT_PUBLISHED_ENTRY.audit, {
      actorUserId: actor.userId,
      actorEmail: actor.name,
      subject: `proof-root:${tree.rootHash}`,
      detail: { txSeq: tx.seq, leafCount: tree.leafCount, claimSetVersion: tree.claimSetVersion },
    });
  }
  return { root: latestRoot(sqlite) as PublishedRoot, appended: !tx.replayed };
}
