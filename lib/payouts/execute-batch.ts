import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, BATCH_APPROVED, BATCH_EXECUTED, parseMemo } from '@/lib/ledger/vocabulary';
import { claimAccount, paidAccount, PROGRAM } from '@/lib/ledger/accounts';
import type { Posting } from '@/lib/ledger/writer';
import { applyPaidToClaimState } from '@/lib/reconciliation/claim-states';
import { batchTotalsMemo, endLiveItems, liveItems, loadBatch, type BatchItem } from './batch-store';
import type { BatchStepResult } from './approve-batch';
import { heldClaims } from './held-claims';
import { batchItemsHash } from './items-hash';
import { executeBatchSchema, parseOrRefuse } from './schemas';

/** Items that would pay more than the account's outstanding now (claim − paid), first few named. */
function overpaid(sqlite: Database.Database, items: readonly BatchItem[]): string[] {
  const balance = sqlite
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck();
  const units = (account: string, asset: string) =>
    BigInt((balance.get(account, asset) as string | undefined) ?? '0');
  const problems: string[] = [];
  for (const item of items) {
    const outstanding =
      units(claimAccount(item.accountId), item.asset) -
      units(paidAccount(item.accountId), item.asset);
    if (item.amountUnits > outstanding)
      problems.push(
        `${item.accountId} ${item.asset}: pays ${item.amountUnits} units, ${outstanding} outstanding`,
      );
  }
  return problems;
}

/** The lines to pay must be exactly those the approval committed to (its ledger memo's hash). */
function refuseChangedLines(sqlite: Database.Database, batchId: number): void {
  const memo = sqlite
    .prepare('SELECT memo FROM ledger_transactions WHERE idempotency_key = ?')
    .pluck()
    .get(BATCH_APPROVED.key(batchId)) as string | undefined;
  const approved = memo ? parseMemo(BATCH_APPROVED, memo)?.itemsHash : undefined;
  if (!approved || approved !== batchItemsHash(sqlite, batchId, { liveOnly: true })) {
    throw new AppError(
      'conflict',
      `Batch #${batchId}'s lines are not the ones that were approved. Nothing was paid: cancel it, create a new batch and have it approved.`,
    );
  }
}

/**
 * Records an approved batch as paid, with the external reference of the payment: one ledger
 * transaction of payout postings (paid:X +amount, program:payouts −amount per item). Refuses,
 * writing nothing, if any claim in it is held (an open dispute, a proposed adjustment, no
 * acknowledgment of its current version; named in the refusal) or any item now exceeds its
 * account's outstanding. Executing an executed batch
 * again with the same reference changes nothing.
 */
export function executeBatch(
  db: Db,
  input: { batchId: number; reference: string; actor: StaffActor },
): BatchStepResult {
  const { reference } = parseOrRefuse(executeBatchSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): BatchStepResult => {
      const batch = loadBatch(sqlite, input.batchId);
      if (batch.status === 'executed') {
        if (batch.reference === reference) return { batchId: batch.id, replayed: true };
        throw new AppError(
          'conflict',
          `Batch #${batch.id} was already executed with reference ${batch.reference}.`,
        );
      }
      if (batch.status !== 'approved') {
        throw new AppError(
          'conflict',
          batch.status === 'pending'
            ? `Batch #${batch.id} must be approved before it is executed.`
            : `Batch #${batch.id} is ${batch.status} and cannot be executed.`,
        );
      }
      refuseChangedLines(sqlite, batch.id);
      const items = liveItems(sqlite, batch.id);
      const held = heldClaims(sqlite, items);
      if (held.length > 0) {
        throw new AppError(
          'conflict',
          `Batch #${batch.id} holds ${held.length} claim${held.length === 1 ? '' : 's'} that may not be paid now: ${held.slice(0, 5).join('; ')}${held.length > 5 ? '; …' : ''}. Nothing was paid: cancel the batch and create a new one.`,
        );
      }
      const problems = overpaid(sqlite, items);
      if (problems.length > 0) {
        throw new AppError(
          'overpay',
          `Batch #${batch.id} would pay more than is outstanding (${problems.length} lines, e.g. ${problems.slice(0, 3).join('; ')}). Cancel it and create a new batch.`,
        );
      }
      const postings: Posting[] = items.flatMap((item) => [
        { account: paidAccount(item.accountId), asset: item.asset, amountUnits: item.amountUnits },
        { account: PROGRAM.payouts, asset: item.asset, amountUnits: -item.amountUnits },
      ]);
      const tx = appendEntry(
        sqlite,
        BATCH_EXECUTED,
        {
          idempotencyKey: BATCH_EXECUTED.key(batch.id),
          actor: userActor(input.actor.id),
          memo: {
            batchId: batch.id,
            reference: reference,
            lineCount: items.length,
            totals: batchTotalsMemo(sqlite, batch.id),
          },
        },
        postings,
      );
      const now = new Date().toISOString();
      sqlite
        .prepare(
          `UPDATE payout_batches SET status = 'executed', executed_by = ?, executed_at = ?, reference = ?
           WHERE id = ? AND status = 'approved'`,
        )
        .run(input.actor.id, now, reference, batch.id);
      endLiveItems(sqlite, batch.id);
      applyPaidToClaimState(sqlite, items);
      recordAudit(db, BATCH_EXECUTED.audit, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `batch:${batch.id}`,
        detail: { reference: reference, lineCount: items.length, txSeq: tx.seq },
      });
      return { batchId: batch.id, replayed: false };
    })
    .immediate();
}
