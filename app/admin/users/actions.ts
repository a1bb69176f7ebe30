'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { createUser } from '@/lib/users/create-user';
import { createLoginSchema } from '@/lib/users/create-user-schema';
import { disableUser } from '@/lib/users/disable-user';
import { staffChangeSchema, staffDecisionSchema } from '@/lib/users/staff-request-schema';
import { decideStaffRequest, requestLogin, requestStaffChange } from '@/lib/users/staff-requests';

/** A claimant login is created at once; a staff login waits for a second admin. */
export const createUserAction = action(
  { schema: createLoginSchema, permission: 'users.manage' },
  async (input, user) => {
    if (input.role !== 'claimant') {
      const requested = await requestLogin(getDb(), input, user);
      return { email: requested.email, awaitingApproval: true };
    }
    const created = await createUser(getDb(), input, { userId: user.id, email: user.email });
    return { email: created.email, awaitingApproval: false };
  },
);

export const disableUserAction = action(
  { schema: z.object({ userId: z.coerce.number().int().positive() }), permission: 'users.manage' },
  (input, user) => disableUser(getDb(), { userId: input.userId, actor: user }),
);

export const requestStaffChangeAction = action(
  { schema: staffChangeSchema, permission: 'users.manage' },
  (input, user) => requestStaffChange(getDb(), input, user),
);

export const decideStaffRequestAction = action(
  { schema: staffDecisionSchema, permission: 'users.manage' },
  (input, user) => decideStaffRequest(getDb(), input, user),
);
