import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, DISPUTE_REJECTED } from '@/lib/ledger/vocabulary';
import { AppError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/payouts/schemas';
import type { ResolutionResult } from './adjust-claim';
import { alreadyResolved, closeDispute, loadDispute } from './dispute-store';
import { pendingProposal } from './proposal-store';
import { rejectDisputeSchema, type RejectDisputeInput } from './schemas';

/**
 * Resolves a dispute without changing the claim, with a reason the claimant sees: a ledger record
 * without postings, the dispute closed, the claim reopened for acknowledgment and the audit row,
 * in one transaction. Refused while an adjustment is proposed. The same rejection again changes nothing; any other is refused.
 */
export function rejectDispute(
  db: Db,
  input: RejectDisputeInput & { actor: StaffActor },
): ResolutionResult {
  const parsed = parseOrRefuse(rejectDisputeSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): ResolutionResult => {
      const dispute = loadDispute(sqlite, parsed.disputeId);
      if (dispute.status !== 'open') {
        if (dispute.status === 'rejected' && dispute.resolution === parsed.reason)
          return { disputeId: dispute.id, txSeq: dispute.resolvedTxSeq ?? 0, replayed: true };
        throw alreadyResolved(sqlite, dispute);
      }
      const pending = pendingProposal(sqlite, dispute.id);
      if (pending) {
        throw new AppError(
          'conflict',
          `An adjustment of dispute #${dispute.id} is proposed by ${pending.proposerEmail}: approve or reject it first.`,
        );
      }
      const tx = appendEntry(
        sqlite,
        DISPUTE_REJECTED,
        {
          idempotencyKey: DISPUTE_REJECTED.key(dispute.id),
          actor: userActor(input.actor.id),
          memo: { disputeId: dispute.id, accountId: dispute.accountId, reason: parsed.reason },
        },
        [],
      );
      closeDispute(sqlite, dispute, {
        status: 'rejected',
        reason: parsed.reason,
        resolvedBy: input.actor.id,
        txSeq: tx.seq,
      });
      recordAudit(db, DISPUTE_REJECTED.audit, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `account:${dispute.accountId}`,
        detail: { disputeId: dispute.id, txSeq: tx.seq },
      });
      return { disputeId: dispute.id, txSeq: tx.seq, replayed: false };
    })
    .immediate();
}
