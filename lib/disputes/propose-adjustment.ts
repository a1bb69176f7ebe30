import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { DISPUTE_ADJUSTMENT_PROPOSED } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { formatUnits } from '@/lib/money';
import { parseOrRefuse } from '@/lib/payouts/schemas';
import { planLines, replayResolution } from './adjust-claim';
import { loadDispute } from './dispute-store';
import { pendingProposal, proposedLines, type ProposedLine } from './proposal-store';
import { adjustClaimSchema, type AdjustClaimInput } from './schemas';

export type ProposalResult = { disputeId: number; proposalId: number | null; replayed: boolean };

function sameLines(a: readonly ProposedLine[], b: readonly ProposedLine[]): boolean {
  return (
    a.length === b.length && a.every((l, i) => l.asset === b[i]?.asset && l.amount === b[i]?.amount)
  );
}

/**
 * `Adjust claim`: records new amounts for a dispute's lines as a proposal that a second finance
 * user approves or rejects. Changes no claim, version or balance; only the approval does. One
 * proposal waits per dispute: another is refused until that one is decided (the same one again,
 * a double click, changes nothing).
 */
export function proposeAdjustment(
  db: Db,
  input: AdjustClaimInput & { actor: StaffActor },
): ProposalResult {
  const parsed = parseOrRefuse(adjustClaimSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): ProposalResult => {
      const dispute = loadDispute(sqlite, parsed.disputeId);
      if (dispute.status !== 'open') {
        const replayed = replayResolution(sqlite, dispute, parsed);
        return { disputeId: replayed.disputeId, proposalId: null, replayed: true };
      }
      const decimalsOf = sqlite.prepare('SELECT decimals FROM assets WHERE asset = ?').pluck();
      const lines = planLines(sqlite, dispute, parsed.lines).map((l) => ({
        asset: l.asset,
        amount: formatUnits(l.toUnits, decimalsOf.get(l.asset) as number),
      }));
      const pending = pendingProposal(sqlite, dispute.id);
      if (pending) {
        if (
          pending.proposedBy === input.actor.id &&
          pending.reason === parsed.reason &&
          sameLines(proposedLines(pending), lines)
        )
          return { disputeId: dispute.id, proposalId: pending.id, replayed: true };
        throw new AppError(
          'conflict',
          `Dispute #${dispute.id} already has an adjustment proposed by ${pending.proposerEmail}: another finance user must approve or reject it first.`,
        );
      }
      const proposalId = Number(
        sqlite
          .prepare(
            `INSERT INTO adjustment_proposals (dispute_id, account_id, lines, reason, status, proposed_by, proposer_email, proposed_at)
             VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
          )
          .run(
            dispute.id,
            dispute.accountId,
            JSON.stringify(lines),
            parsed.reason,
            input.actor.id,
            input.actor.email,
            new Date().toISOString(),
          ).lastInsertRowid,
      );
      recordAudit(db, DISPUTE_ADJUSTMENT_PROPOSED, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `account:${dispute.accountId}`,
        detail: { disputeId: dispute.id, proposalId, lines, reason: parsed.reason },
      });
      return { disputeId: dispute.id, proposalId, replayed: false };
    })
    .immediate();
}
