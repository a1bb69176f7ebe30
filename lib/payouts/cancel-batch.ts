import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, BATCH_CANCELLED } from '@/lib/ledger/vocabulary';
import { setClaimStateLive } from '@/lib/reconciliation/claim-states';
import { endLiveItems, liveItems, loadBatch } from './batch-store';
import type { BatchStepResult } from './approve-batch';
import { cancelBatchSchema, parseOrRefuse } from './schemas';

/**
 * Cancels a batch before it is executed: its lines leave the live set and may be batched again.
 * Cancelling a cancelled batch again changes nothing.
 */
export function cancelBatch(
  db: Db,
  input: { batchId: number; reason: string; actor: StaffActor },
): BatchStepResult {
  const { reason } = parseOrRefuse(cancelBatchSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction((): BatchStepResult => {
      const batch = loadBatch(sqlite, input.batchId);
      if (batch.status === 'cancelled') return { batchId: batch.id, replayed: true };
      if (batch.status === 'executed') {
        throw new AppError(
          'conflict',
          `Batch #${batch.id} was already executed; an executed payout cannot be cancelled.`,
        );
      }
      const items = liveItems(sqlite, batch.id);
      const now = new Date().toISOString();
      sqlite
        .prepare(
          `UPDATE payout_batches SET status = 'cancelled', cancelled_by = ?, cancelled_at = ?, cancel_reason = ?
           WHERE id = ? AND status IN ('pending', 'approved')`,
        )
        .run(input.actor.id, now, reason, batch.id);
      endLiveItems(sqlite, batch.id);
      setClaimStateLive(sqlite, items, 0);
      const tx = appendEntry(
        sqlite,
        BATCH_CANCELLED,
        {
          idempotencyKey: BATCH_CANCELLED.key(batch.id),
          actor: userActor(input.actor.id),
          memo: { batchId: batch.id, reason: reason, wasStatus: batch.status },
        },
        [],
      );
      recordAudit(db, BATCH_CANCELLED.audit, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `batch:${batch.id}`,
        detail: { reason: reason, txSeq: tx.seq },
      });
      return { batchId: batch.id, replayed: false };
    })
    .immediate();
}
