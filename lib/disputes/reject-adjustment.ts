import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { DISPUTE_ADJUSTMENT_REJECTED } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/payouts/schemas';
import { decideProposal, emailOf, loadProposal, refuseOwnProposal } from './proposal-store';
import { rejectAdjustmentSchema, type RejectAdjustmentInput } from './schemas';

export type ProposalDecision = { proposalId: number; disputeId: number; replayed: boolean };

/**
 * `Reject adjustment`: a finance user other than the proposer turns a proposal down, with a reason
 * for the proposer. The claim and the dispute stay as they are: the dispute stays open for a new
 * proposal or a rejection.
 */
export function rejectAdjustment(
  db: Db,
  input: RejectAdjustmentInput & { actor: StaffActor },
): ProposalDecision {
  const parsed = parseOrRefuse(rejectAdjustmentSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): ProposalDecision => {
      const proposal = loadProposal(sqlite, parsed.proposalId);
      refuseOwnProposal(proposal, input.actor.id, 'reject');
      const decided = { proposalId: proposal.id, disputeId: proposal.disputeId };
      if (proposal.status === 'rejected' && proposal.decisionReason === parsed.reason)
        return { ...decided, replayed: true };
      if (proposal.status !== 'pending') {
        throw new AppError(
          'conflict',
          `Proposed adjustment #${proposal.id} was already ${proposal.status} by ${emailOf(sqlite, proposal.decidedBy)}.`,
        );
      }
      decideProposal(sqlite, proposal, {
        status: 'rejected',
        by: input.actor.id,
        reason: parsed.reason,
        txSeq: null,
      });
      recordAudit(db, DISPUTE_ADJUSTMENT_REJECTED, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `account:${proposal.accountId}`,
        detail: { disputeId: proposal.disputeId, proposalId: proposal.id, reason: parsed.reason },
      });
      return { ...decided, replayed: false };
    })
    .immediate();
}
