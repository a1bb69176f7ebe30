import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, DISPUTE_ADJUSTED } from '@/lib/ledger/vocabulary';
import { claimAccount, paidAccount, PROGRAM } from '@/lib/ledger/accounts';
import type { Posting } from '@/lib/ledger/writer';
import { AmountError, formatUnits, parseAmount } from '@/lib/money';
import type { StaffActor } from '@/lib/audit/actor';
import {
  adjustedLines,
  alreadyResolved,
  closeDispute,
  disputedLines,
  type DisputeRow,
} from './dispute-store';

export type ResolutionResult = { disputeId: number; txSeq: number; replayed: boolean };

type PlannedLine = { asset: string; fromUnits: bigint; toUnits: bigint };

function fieldError(index: number, message: string): AppError {
  return new AppError('bad_request', message, { [`lines.${index}.amount`]: message });
}

function unitsOf(sqlite: Database.Database, account: string, asset: string): bigint {
  const units = sqlite
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck()
    .get(account, asset) as string | undefined;
  return BigInt(units ?? '0');
}

/** Parses each chosen amount exactly and checks it against what is paid or being paid. */
export function planLines(
  sqlite: Database.Database,
  dispute: DisputeRow,
  lines: readonly { asset: string; amount: string }[],
): PlannedLine[] {
  const disputed = new Set(disputedLines(dispute).map((l) => l.asset));
  const seen = new Set<string>();
  const decimalsOf = sqlite.prepare('SELECT decimals FROM assets WHERE asset = ?').pluck();
  const liveItem = sqlite.prepare(
    'SELECT batch_id AS batchId, amount_units AS units FROM payout_items WHERE account_id = ? AND asset = ? AND live = 1',
  );
  return lines.map((line, index) => {
    if (!disputed.has(line.asset) || seen.has(line.asset))
      throw fieldError(index, `${line.asset} is not a line of this dispute, or is listed twice.`);
    seen.add(line.asset);
    const decimals = decimalsOf.get(line.asset) as number | undefined;
    if (decimals === undefined) throw fieldError(index, `${line.asset} is not a known asset.`);
    let toUnits: bigint;
    try {
      toUnits = parseAmount(line.amount, decimals, { label: 'The amount', asset: line.asset });
    } catch (error) {
      if (error instanceof AmountError) throw fieldError(index, error.message);
      throw error;
    }
    const paid = unitsOf(sqlite, paidAccount(dispute.accountId), line.asset);
    if (toUnits < paid) {
      throw fieldError(
        index,
        `${formatUnits(paid, decimals)} ${line.asset} is already paid: the claim cannot be less.`,
      );
    }
    const live = liveItem.get(dispute.accountId, line.asset) as
      { batchId: number; units: string } | undefined;
    if (live && toUnits < paid + BigInt(live.units)) {
      throw fieldError(
        index,
        `Payout batch #${live.batchId} is about to pay ${formatUnits(BigInt(live.units), decimals)} ${line.asset}: cancel it first, or choose at least ${formatUnits(paid + BigInt(live.units), decimals)}.`,
      );
    }
    return {
      asset: line.asset,
      fromUnits: unitsOf(sqlite, claimAccount(dispute.accountId), line.asset),
      toUnits,
    };
  });
}

/** The amounts a request asks for, in units; null where the text is not a valid amount. */
function requestedUnits(
  sqlite: Database.Database,
  lines: readonly { asset: string; amount: string }[],
): (string | null)[] {
  const decimalsOf = sqlite.prepare('SELECT decimals FROM assets WHERE asset = ?').pluck();
  return lines.map((line) => {
    const decimals = decimalsOf.get(line.asset) as number | undefined;
    try {
      return decimals === undefined ? null : parseAmount(line.amount, decimals).toString();
    } catch {
      return null;
    }
  });
}

/** Same resolution again (double click, retry): the stored one; anything else is refused. */
export function replayResolution(
  sqlite: Database.Database,
  dispute: DisputeRow,
  request: { reason: string; lines: { asset: string; amount: string }[] },
): ResolutionResult {
  const stored = adjustedLines(sqlite, dispute);
  const units = requestedUnits(sqlite, request.lines);
  const same =
    dispute.status === 'adjusted' &&
    dispute.resolution === request.reason &&
    stored.length === request.lines.length &&
    request.lines.every(
      (line, i) => stored[i]?.asset === line.asset && stored[i]?.toUnits === units[i],
    );
  if (!same) throw alreadyResolved(sqlite, dispute);
  return { disputeId: dispute.id, txSeq: dispute.resolvedTxSeq ?? 0, replayed: true };
}

/** Who asked for an adjustment and who approved it: two different finance users. */
export type AdjustmentOfficers = { proposer: StaffActor; approver: StaffActor };

/**
 * Resolves a dispute by setting new claim amounts for the chosen lines, with a reason the claimant
 * sees: one ledger adjustment (claim:X +delta, program:adjustments −delta per changed line), the
 * dispute closed, the claim reopened for a new acknowledgment (its version changes) and the audit
 * row. Runs inside the approving transaction (approve-adjustment.ts), never on its own.
 */
export function appendAdjustment(
  db: Db,
  dispute: DisputeRow,
  request: { reason: string; lines: readonly { asset: string; amount: string }[] },
  officers: AdjustmentOfficers,
): ResolutionResult {
  const sqlite = db.$client;
  const lines = planLines(sqlite, dispute, request.lines);
  const postings: Posting[] = lines.flatMap((l) => {
    const delta = l.toUnits - l.fromUnits;
    return delta === 0n
      ? []
      : [
          { account: claimAccount(dispute.accountId), asset: l.asset, amountUnits: delta },
          { account: PROGRAM.adjustments, asset: l.asset, amountUnits: -delta },
        ];
  });
  const tx = appendEntry(
    sqlite,
    DISPUTE_ADJUSTED,
    {
      idempotencyKey: DISPUTE_ADJUSTED.key(dispute.id),
      actor: userActor(officers.approver.id),
      memo: {
        disputeId: dispute.id,
        accountId: dispute.accountId,
        reason: request.reason,
        proposedBy: userActor(officers.proposer.id),
        approvedBy: userActor(officers.approver.id),
        lines: lines.map((l) => ({
          asset: l.asset,
          fromUnits: l.fromUnits.toString(),
          toUnits: l.toUnits.toString(),
        })),
      },
    },
    postings,
  );
  closeDispute(sqlite, dispute, {
    status: 'adjusted',
    reason: request.reason,
    resolvedBy: officers.approver.id,
    txSeq: tx.seq,
  });
  recordAudit(db, DISPUTE_ADJUSTED.audit, {
    actorUserId: officers.approver.id,
    actorEmail: officers.approver.email,
    subject: `account:${dispute.accountId}`,
    detail: {
      disputeId: dispute.id,
      lines: lines.length,
      txSeq: tx.seq,
      proposedBy: officers.proposer.email,
    },
  });
  return { disputeId: dispute.id, txSeq: tx.seq, replayed: false };
}
