import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, BATCH_APPROVED } from '@/lib/ledger/vocabulary';
import { batchTotalsMemo, loadBatch } from './batch-store';
import { batchItemsHash } from './items-hash';

export type BatchStepResult = { batchId: number; replayed: boolean };

/**
 * Four eyes: a pending batch is approved by a finance user other than its creator. Approving an
 * approved batch again (a double click, a concurrent request) changes nothing.
 */
export function approveBatch(
  db: Db,
  input: { batchId: number; actor: StaffActor },
): BatchStepResult {
  const sqlite = db.$client;
  return sqlite
    .transaction((): BatchStepResult => {
      const batch = loadBatch(sqlite, input.batchId);
      if (batch.createdBy === input.actor.id) {
        throw new AppError(
          'four_eyes',
          `You created batch #${batch.id}: another finance user must approve it.`,
        );
      }
      if (batch.status === 'approved') return { batchId: batch.id, replayed: true };
      if (batch.status !== 'pending') {
        throw new AppError(
          'conflict',
          `Batch #${batch.id} is ${batch.status}; only a pending batch can be approved.`,
        );
      }
      const now = new Date().toISOString();
      sqlite
        .prepare(
          "UPDATE payout_batches SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ? AND status = 'pending'",
        )
        .run(input.actor.id, now, batch.id);
      const tx = appendEntry(
        sqlite,
        BATCH_APPROVED,
        {
          idempotencyKey: BATCH_APPROVED.key(batch.id),
          actor: userActor(input.actor.id),
          memo: {
            batchId: batch.id,
            lineCount: batch.lineCount,
            totals: batchTotalsMemo(sqlite, batch.id),
            // Binds the approval to these exact lines: execution and verify recompute it.
            itemsHash: batchItemsHash(sqlite, batch.id, { liveOnly: true }),
          },
        },
        [],
      );
      recordAudit(db, BATCH_APPROVED.audit, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `batch:${batch.id}`,
        detail: { txSeq: tx.seq },
      });
      return { batchId: batch.id, replayed: false };
    })
    .immediate();
}
