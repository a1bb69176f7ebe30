import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { AppError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/payouts/schemas';
import { appendAdjustment, type ResolutionResult } from './adjust-claim';
import { loadDispute } from './dispute-store';
import {
  decideProposal,
  emailOf,
  loadProposal,
  proposedLines,
  refuseOwnProposal,
} from './proposal-store';
import { approveAdjustmentSchema, type ApproveAdjustmentInput } from './schemas';

/**
 * `Approve adjustment`: a finance user other than the proposer approves a proposed adjustment.
 * Only now is the adjustment appended and the claim's version changed, with the proposal marked
 * approved and the audit row, in one transaction. The amounts are checked again against what is
 * paid or being paid now. Approving an approved proposal again changes nothing.
 */
export function approveAdjustment(
  db: Db,
  input: ApproveAdjustmentInput & { actor: StaffActor },
): ResolutionResult {
  const { proposalId } = parseOrRefuse(approveAdjustmentSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): ResolutionResult => {
      const proposal = loadProposal(sqlite, proposalId);
      refuseOwnProposal(proposal, input.actor.id, 'approve');
      if (proposal.status === 'approved')
        return { disputeId: proposal.disputeId, txSeq: proposal.txSeq ?? 0, replayed: true };
      if (proposal.status !== 'pending') {
        throw new AppError(
          'conflict',
          `Proposed adjustment #${proposal.id} was ${proposal.status} by ${emailOf(sqlite, proposal.decidedBy)}.`,
        );
      }
      const dispute = loadDispute(sqlite, proposal.disputeId);
      if (dispute.status !== 'open')
        throw new AppError('conflict', `Dispute #${dispute.id} is already ${dispute.status}.`);
      const proposer = { id: proposal.proposedBy, email: proposal.proposerEmail };
      const result = appendAdjustment(
        db,
        dispute,
        { reason: proposal.reason, lines: proposedLines(proposal) },
        { proposer, approver: input.actor },
      );
      decideProposal(sqlite, proposal, {
        status: 'approved',
        by: input.actor.id,
        reason: null,
        txSeq: result.txSeq,
      });
      return result;
    })
    .immediate();
}
