'use server';

import { getDb } from '@/db/client';
import { approveAdjustment } from '@/lib/disputes/approve-adjustment';
import { proposeAdjustment } from '@/lib/disputes/propose-adjustment';
import { rejectAdjustment } from '@/lib/disputes/reject-adjustment';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import {
  adjustClaimSchema,
  approveAdjustmentSchema,
  rejectAdjustmentSchema,
  rejectDisputeSchema,
} from '@/lib/disputes/schemas';
import { action } from '@/lib/http/action';

export const adjustClaimAction = action(
  { schema: adjustClaimSchema, permission: 'disputes.resolve' },
  (input, user) => proposeAdjustment(getDb(), { ...input, actor: user }),
);

export const rejectDisputeAction = action(
  { schema: rejectDisputeSchema, permission: 'disputes.resolve' },
  (input, user) => rejectDispute(getDb(), { ...input, actor: user }),
);

export const approveAdjustmentAction = action(
  { schema: approveAdjustmentSchema, permission: 'disputes.resolve' },
  (input, user) => approveAdjustment(getDb(), { ...input, actor: user }),
);

export const rejectAdjustmentAction = action(
  { schema: rejectAdjustmentSchema, permission: 'disputes.resolve' },
  (input, user) => rejectAdjustment(getDb(), { ...input, actor: user }),
);
