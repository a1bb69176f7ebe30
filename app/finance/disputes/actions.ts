'use server';

import { getDb } from '@/db/client';
import { adjustClaim } from '@/lib/disputes/adjust-claim';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import { adjustClaimSchema, rejectDisputeSchema } from '@/lib/disputes/schemas';
import { action } from '@/lib/http/action';

export const adjustClaimAction = action(
  { schema: adjustClaimSchema, permission: 'disputes.resolve' },
  (input, user) => adjustClaim(getDb(), { ...input, actor: user }),
);

export const rejectDisputeAction = action(
  { schema: rejectDisputeSchema, permission: 'disputes.resolve' },
  (input, user) => rejectDispute(getDb(), { ...input, actor: user }),
);
