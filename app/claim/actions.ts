'use server';

import { getDb } from '@/db/client';
import type { SessionUser } from '@/lib/auth/authenticate';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { acknowledgeSchema, disputeFormSchema, splitReferences } from '@/lib/claims/dispute-rules';
import { openDispute } from '@/lib/claims/open-dispute';
import { AppError } from '@/lib/errors';
import { action } from '@/lib/http/action';

// The account always comes from the session: the schemas carry no account, and zod drops any
// field a forged request adds.
function ownAccount(user: SessionUser): string {
  if (!user.accountId) {
    throw new AppError('not_found', 'Your login is not linked to an account in the snapshot.');
  }
  return user.accountId;
}

export const acknowledgeClaimAction = action(
  { schema: acknowledgeSchema, permission: 'claim.own' },
  (input, user) => {
    const result = acknowledgeClaim(getDb().$client, {
      accountId: ownAccount(user),
      version: input.version,
      actor: user,
    });
    return { reference: result.reference, replayed: result.replayed };
  },
);

export const openDisputeAction = action(
  { schema: disputeFormSchema, permission: 'claim.own' },
  (input, user) => {
    const result = openDispute(getDb().$client, {
      accountId: ownAccount(user),
      version: input.version,
      lines: input.lines,
      explanation: input.explanation,
      references: splitReferences(input.references),
      actor: user,
    });
    return { disputeId: result.disputeId, replayed: result.replayed };
  },
);
