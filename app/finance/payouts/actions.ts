'use server';

import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { cancelBatch } from '@/lib/payouts/cancel-batch';
import { createBatch } from '@/lib/payouts/create-batch';
import { executeBatch } from '@/lib/payouts/execute-batch';
import {
  batchStepSchema,
  cancelBatchSchema,
  createBatchSchema,
  executeBatchSchema,
} from '@/lib/payouts/schemas';

export const createBatchAction = action(
  { schema: createBatchSchema, permission: 'payouts.write' },
  (input, user) =>
    createBatch(getDb(), {
      requestId: input.requestId,
      asset: input.asset,
      accountIds: input.accounts,
      actor: user,
    }),
);

export const approveBatchAction = action(
  { schema: batchStepSchema, permission: 'payouts.write' },
  (input, user) => approveBatch(getDb(), { batchId: input.batchId, actor: user }),
);

export const executeBatchAction = action(
  { schema: executeBatchSchema, permission: 'payouts.write' },
  (input, user) =>
    executeBatch(getDb(), { batchId: input.batchId, reference: input.reference, actor: user }),
);

export const cancelBatchAction = action(
  { schema: cancelBatchSchema, permission: 'payouts.write' },
  (input, user) =>
    cancelBatch(getDb(), { batchId: input.batchId, reason: input.reason, actor: user }),
);
