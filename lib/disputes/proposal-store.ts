import type Database from 'better-sqlite3';
import type { AdjustmentProposal } from '@/db/schema';
import { AppError } from '@/lib/errors';

export type ProposalRow = AdjustmentProposal;

/** A proposed line: the asset and its new claim, as a canonical decimal string. */
export type ProposedLine = { asset: string; amount: string };

const COLUMNS = `id, dispute_id AS disputeId, account_id AS accountId, lines, reason, status,
  proposed_by AS proposedBy, proposer_email AS proposerEmail, proposed_at AS proposedAt, decided_by AS decidedBy,
  decided_at AS decidedAt, decision_reason AS decisionReason, tx_seq AS txSeq`;

export function loadProposal(sqlite: Database.Database, proposalId: number): ProposalRow {
  const row = sqlite
    .prepare(`SELECT ${COLUMNS} FROM adjustment_proposals WHERE id = ?`)
    .get(proposalId) as ProposalRow | undefined;
  if (!row) throw new AppError('not_found', `There is no proposed adjustment #${proposalId}.`);
  return row;
}

/** The proposal awaiting a second officer on this dispute, if any (at most one: a unique index). */
export function pendingProposal(sqlite: Database.Database, disputeId: number): ProposalRow | null {
  const row = sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM adjustment_proposals WHERE dispute_id = ? AND status = 'pending'`,
    )
    .get(disputeId) as ProposalRow | undefined;
  return row ?? null;
}

export function proposedLines(proposal: Pick<ProposalRow, 'lines'>): ProposedLine[] {
  return JSON.parse(proposal.lines) as ProposedLine[];
}

export function emailOf(sqlite: Database.Database, userId: number | null): string {
  if (userId === null) return 'unknown';
  return (
    (sqlite.prepare('SELECT email FROM users WHERE id = ?').pluck().get(userId) as
      string | undefined) ?? `user #${userId}`
  );
}

/** Marks a pending proposal decided; refuses if someone decided it in the meantime. */
export function decideProposal(
  sqlite: Database.Database,
  proposal: ProposalRow,
  decision: {
    status: 'approved' | 'rejected';
    by: number;
    reason: string | null;
    txSeq: number | null;
  },
): void {
  const changed = sqlite
    .prepare(
      `UPDATE adjustment_proposals SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, tx_seq = ?
       WHERE id = ? AND status = 'pending'`,
    )
    .run(
      decision.status,
      decision.by,
      new Date().toISOString(),
      decision.reason,
      decision.txSeq,
      proposal.id,
    );
  if (changed.changes !== 1)
    throw new AppError('conflict', `Proposed adjustment #${proposal.id} was already decided.`);
}

/** The maker of a proposal never decides it: another finance user must. */
export function refuseOwnProposal(proposal: ProposalRow, actorId: number, verb: string): void {
  if (proposal.proposedBy === actorId) {
    throw new AppError(
      'four_eyes',
      `You proposed adjustment #${proposal.id}: another finance user must ${verb} it.`,
    );
  }
}
