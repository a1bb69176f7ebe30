import type Database from 'better-sqlite3';
import { z } from 'zod';
import * as audit from '@/lib/audit/audit-actions';
import type { AuditAction } from '@/lib/audit/audit-actions';
import { isCanonicalActor, type LedgerActor, userActorSchema } from './actor';
import { appendTransaction, type AppendResult } from './append';
import type { Posting } from './writer';

// Every kind of ledger transaction the application writes: its name, the schema of its memo,
// its idempotency key and the audit action written beside it. Writers go through `appendEntry`
// (or `checkMemo` for the streamed import), so a memo that does not fit is refused before
// anything is chained; readers parse stored memos with `parseMemo`, through the kind's `stored`
// schema where older rows differ from what is written now.

const units = z.string().regex(/^-?(0|[1-9][0-9]*)$/, 'an exact integer amount in units');
const count = z.number().int().nonnegative();
const id = z.number().int().positive();
const totals = z.record(z.string(), units);

export type LedgerEntry<Memo, KeyArgs extends unknown[], AuditDetail = unknown, Stored = Memo> = {
  kind: string;
  /** What a new transaction of this kind must carry: checked before it is chained. */
  memo: z.ZodType<Memo>;
  /**
   * What every stored transaction of this kind carries, older rows included (they are never
   * rewritten: the hash covers them). Readers parse with it; absent when no row ever differed.
   */
  stored?: z.ZodType<Stored>;
  key: (...args: KeyArgs) => string;
  /** The audit action recorded in the same database transaction. */
  audit: AuditAction<AuditDetail>;
};

const entry = <Memo, KeyArgs extends unknown[], AuditDetail, Stored = Memo>(
  e: LedgerEntry<Memo, KeyArgs, AuditDetail, Stored>,
) => e;

export const SNAPSHOT_IMPORTED = entry({
  kind: 'snapshot.import',
  audit: audit.SNAPSHOT_IMPORT,
  memo: z.strictObject({
    program: z.string(),
    snapshotAt: z.string(),
    coverage: z.string(),
    coverageOverrides: z.record(z.string(), z.string()),
    bundleHash: z.string(),
    files: z.record(z.string(), z.strictObject({ sha256: z.string(), rows: count })),
    accounts: count,
    lines: count,
    assets: count,
    dust: z.record(z.string(), z.string()),
  }),
  key: (bundleHash: string | null) => `snapshot:${bundleHash ?? 'unreadable'}`,
});

export const CLAIM_ACKNOWLEDGED = entry({
  kind: 'claim.acknowledged',
  audit: audit.CLAIM_ACKNOWLEDGE,
  memo: z.strictObject({ accountId: z.string(), version: z.string() }),
  /** The first occurrence's key; a deliberate repeat gets `:2`, `:3`… (claim-events.ts). */
  key: (accountId: string, version: string) => `ack:${accountId}:${version}`,
});

export const CLAIM_DISPUTED = entry({
  kind: 'claim.disputed',
  audit: audit.CLAIM_DISPUTE,
  memo: z.strictObject({
    accountId: z.string(),
    version: z.string(),
    lines: z.array(z.strictObject({ asset: z.string(), expected: z.string() })).min(1),
    explanation: z.string(),
    references: z.array(z.string()),
  }),
  key: (accountId: string, version: string, contentHash: string) =>
    `dispute:${accountId}:${version}:${contentHash}`,
});

const disputeResolutionKey = (disputeId: number) => `dispute-resolution:${disputeId}`;

const adjustedLine = z.strictObject({ asset: z.string(), fromUnits: units, toUnits: units });
const adjustment = { disputeId: id, accountId: z.string(), reason: z.string() };

export const DISPUTE_ADJUSTED = entry({
  kind: 'dispute.adjusted',
  audit: audit.DISPUTE_ADJUSTED,
  memo: z.strictObject({
    ...adjustment,
    /** The two finance users by id (`user:<id>`): the chained memo keeps no email. */
    proposedBy: userActorSchema,
    approvedBy: userActorSchema,
    lines: z.array(adjustedLine),
  }),
  // Adjustments before the four-eyes step name no officer; those until ids replaced emails
  // name them by email.
  stored: z.strictObject({
    ...adjustment,
    proposedBy: z.string().optional(),
    approvedBy: z.string().optional(),
    lines: z.array(adjustedLine),
  }),
  key: disputeResolutionKey,
});

export const DISPUTE_REJECTED = entry({
  kind: 'dispute.rejected',
  audit: audit.DISPUTE_REJECTED,
  memo: z.strictObject({ disputeId: id, accountId: z.string(), reason: z.string() }),
  key: disputeResolutionKey,
});

export const BATCH_CREATED = entry({
  kind: 'payout.batch_created',
  audit: audit.BATCH_CREATED,
  memo: z.strictObject({
    batchId: id,
    lineCount: count,
    assetFilter: z.string().nullable(),
    accounts: z.array(z.string()).nullable(),
    totals,
  }),
  key: (requestId: string) => `batch:create:${requestId}`,
});

const approval = { batchId: id, lineCount: count, totals };
/** Binds the approval to the exact lines: execution and verify recompute it. */
const itemsHash = z.string().regex(/^[0-9a-f]{64}$/);

export const BATCH_APPROVED = entry({
  kind: 'payout.batch_approved',
  audit: audit.BATCH_APPROVED,
  memo: z.strictObject({ ...approval, itemsHash }),
  // Approvals before approvals bound their lines carry no hash.
  stored: z.strictObject({ ...approval, itemsHash: itemsHash.optional() }),
  key: (batchId: number) => `batch:${batchId}:approve`,
});

export const BATCH_CANCELLED = entry({
  kind: 'payout.batch_cancelled',
  audit: audit.BATCH_CANCELLED,
  memo: z.strictObject({
    batchId: id,
    reason: z.string(),
    wasStatus: z.enum(['pending', 'approved']),
  }),
  key: (batchId: number) => `batch:${batchId}:cancel`,
});

export const BATCH_EXECUTED = entry({
  kind: 'payout.batch_executed',
  audit: audit.BATCH_EXECUTED,
  memo: z.strictObject({ batchId: id, reference: z.string(), lineCount: count, totals }),
  key: (batchId: number) => `batch:${batchId}:execute`,
});

export const ROOT_PUBLISHED = entry({
  kind: 'proof.root_published',
  audit: audit.ROOT_PUBLISHED,
  memo: z.strictObject({
    format: z.string(),
    rootHash: z.string(),
    coinexRootHash: z.string(),
    totals,
    claimSetVersion: z.string(),
    leafCount: count,
    snapshotAt: z.string().nullable(),
  }),
  key: (rootHash: string) => `proof-root:${rootHash}`,
});

/** Every kind, by its stored name. */
export const LEDGER_ENTRIES = Object.fromEntries(
  [
    SNAPSHOT_IMPORTED,
    CLAIM_ACKNOWLEDGED,
    CLAIM_DISPUTED,
    DISPUTE_ADJUSTED,
    DISPUTE_REJECTED,
    BATCH_CREATED,
    BATCH_APPROVED,
    BATCH_CANCELLED,
    BATCH_EXECUTED,
    ROOT_PUBLISHED,
  ].map((e) => [e.kind, e as LedgerEntry<unknown, never[], unknown, unknown>]),
);

export type MemoOf<E> =
  E extends LedgerEntry<infer Memo, infer _K, infer _A, infer _S> ? Memo : never;

/** What a stored transaction of this kind carries, older forms included. */
export type StoredMemoOf<E> =
  E extends LedgerEntry<infer _M, infer _K, infer _A, infer Stored> ? Stored : never;

/**
 * Refuses, before anything is chained, a memo that does not fit its kind or a non-canonical
 * actor. Either is a mistake in the writer, never in what a person typed: a plain Error.
 */
export function checkMemo<Memo>(
  entry: LedgerEntry<Memo, never, unknown, unknown>,
  memo: Memo,
  actor: LedgerActor,
): void {
  if (!isCanonicalActor(actor))
    throw new Error(`${entry.kind}: ${actor} is not a canonical ledger actor`);
  const result = entry.memo.safeParse(memo);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(
      `${entry.kind} memo refused: ${first?.path.join('.') || 'memo'} ${first?.message ?? ''}`.trim(),
    );
  }
}

/**
 * Appends one transaction of this kind (see appendTransaction: idempotent, must run inside a
 * database transaction). The memo is stored as given once it fits the schema, so its hash is
 * what the writer built.
 */
export function appendEntry<Memo extends Record<string, unknown>>(
  sqlite: Database.Database,
  entry: LedgerEntry<Memo, never, unknown, unknown>,
  tx: { idempotencyKey: string; actor: LedgerActor; memo: NoInfer<Memo> },
  postings: readonly Posting[],
): AppendResult {
  checkMemo(entry, tx.memo, tx.actor);
  return appendTransaction(
    sqlite,
    { idempotencyKey: tx.idempotencyKey, kind: entry.kind, actor: tx.actor, memo: tx.memo },
    postings,
  );
}

/**
 * A stored memo of this kind, parsed with the schema every stored row fits (older forms
 * included); null when the text does not fit, which only a hand edit explains (verify names it).
 */
export function parseMemo<Stored>(
  entry: LedgerEntry<unknown, never, unknown, Stored>,
  memoJson: string,
): Stored | null {
  try {
    const result = (entry.stored ?? (entry.memo as z.ZodType<Stored>)).safeParse(
      JSON.parse(memoJson),
    );
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
