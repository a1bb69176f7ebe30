import type Database from 'better-sqlite3';
import type { Dispute } from '@/db/schema';
import { claimAccount, paidAccount } from '@/lib/ledger/accounts';
import { actorNames } from '@/lib/ledger/actor';
import { adjustmentMemo, disputedLines, disputeReferences, loadDispute } from './dispute-store';
import { pendingProposal, proposedLines, type ProposedLine } from './proposal-store';

export type DisputeLineView = {
  asset: string;
  decimals: number | null;
  claimUnits: bigint;
  paidUnits: bigint;
  /** What the claimant expects, as they wrote it (plain decimal in asset units). */
  expected: string;
};

export type DisputeView = Pick<
  Dispute,
  'id' | 'accountId' | 'status' | 'explanation' | 'openedAt' | 'resolution' | 'resolvedAt'
> & {
  email: string | null;
  references: string[];
  lines: DisputeLineView[];
  resolvedByEmail: string | null;
  resolvedTxSeq: number | null;
  /** For an adjustment: the amounts finance set, in units per asset. */
  adjustedTo: Record<string, bigint>;
  /**
   * For an adjustment: who proposed it, as a page names them (the login's email now for a
   * user id, an older memo's email as written); null when its memo names no one.
   */
  proposedByName: string | null;
  /** The adjustment awaiting a second finance user, if any. */
  proposal: {
    id: number;
    proposedBy: number;
    proposerEmail: string;
    proposedAt: string;
    reason: string;
    lines: ProposedLine[];
  } | null;
};

export const DISPUTES_PAGE = 25;

function lineViews(sqlite: Database.Database, dispute: Dispute): DisputeLineView[] {
  const decimals = sqlite.prepare('SELECT decimals FROM assets WHERE asset = ?').pluck();
  const balance = sqlite
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck();
  const units = (account: string, asset: string) =>
    BigInt((balance.get(account, asset) as string | undefined) ?? '0');
  return disputedLines(dispute).map((line) => ({
    asset: line.asset,
    decimals: (decimals.get(line.asset) as number | undefined) ?? null,
    claimUnits: units(claimAccount(dispute.accountId), line.asset),
    paidUnits: units(paidAccount(dispute.accountId), line.asset),
    expected: line.expected,
  }));
}

function view(sqlite: Database.Database, dispute: Dispute): DisputeView {
  const email = (id: number | null, sql: string) =>
    id === null ? null : ((sqlite.prepare(sql).pluck().get(id) as string | undefined) ?? null);
  const adjustment = adjustmentMemo(sqlite, dispute);
  const proposer = adjustment?.proposedBy;
  const pending = dispute.status === 'open' ? pendingProposal(sqlite, dispute.id) : null;
  return {
    proposal: pending && {
      id: pending.id,
      proposedBy: pending.proposedBy,
      proposerEmail: pending.proposerEmail,
      proposedAt: pending.proposedAt,
      reason: pending.reason,
      lines: proposedLines(pending),
    },
    id: dispute.id,
    accountId: dispute.accountId,
    status: dispute.status,
    explanation: dispute.explanation,
    openedAt: dispute.openedAt,
    resolution: dispute.resolution,
    resolvedAt: dispute.resolvedAt,
    resolvedTxSeq: dispute.resolvedTxSeq,
    email:
      (sqlite.prepare('SELECT email FROM accounts WHERE id = ?').pluck().get(dispute.accountId) as
        string | undefined) ?? null,
    references: disputeReferences(dispute),
    lines: lineViews(sqlite, dispute),
    resolvedByEmail: email(dispute.resolvedBy, 'SELECT email FROM users WHERE id = ?'),
    adjustedTo: Object.fromEntries(
      (adjustment?.lines ?? []).map((l) => [l.asset, BigInt(l.toUnits)]),
    ),
    proposedByName: proposer ? (actorNames(sqlite, [proposer]).get(proposer) ?? proposer) : null,
  };
}

export function disputeDetail(sqlite: Database.Database, disputeId: number): DisputeView {
  return view(sqlite, loadDispute(sqlite, disputeId));
}

/** Disputes of a status, oldest open first (resolved: latest first); keyset paged by id. */
export function listDisputes(
  sqlite: Database.Database,
  filter: { status: 'open' | 'resolved'; cursor?: number },
): { rows: DisputeView[]; next: number | null } {
  const open = filter.status === 'open';
  const ids = sqlite
    .prepare(
      open
        ? "SELECT id FROM disputes WHERE status = 'open' AND id > ? ORDER BY id LIMIT ?"
        : "SELECT id FROM disputes WHERE status IN ('adjusted', 'rejected') AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .pluck()
    .all(filter.cursor ?? (open ? 0 : Number.MAX_SAFE_INTEGER), DISPUTES_PAGE + 1) as number[];
  const page = ids.slice(0, DISPUTES_PAGE);
  return {
    rows: page.map((id) => disputeDetail(sqlite, id)),
    next: ids.length > DISPUTES_PAGE ? (page.at(-1) ?? null) : null,
  };
}

export function openDisputeCount(sqlite: Database.Database): number {
  return sqlite
    .prepare("SELECT count(*) FROM disputes WHERE status = 'open'")
    .pluck()
    .get() as number;
}
