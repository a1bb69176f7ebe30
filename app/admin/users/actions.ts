'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { createUser } from '@/lib/users/create-user';
import { adminCreateUserSchema } from '@/lib/users/create-user-schema';
import { disableUser } from '@/lib/users/disable-user';

export const createUserAction = action(
  { schema: adminCreateUserSchema, permission: 'users.manage' },
  async (input, user) => {
    const created = await createUser(getDb(), input, { userId: user.id, email: user.email });
    return { id: created.id, email: created.email };
  },
);

export const disableUserAction = action(
  { schema: z.object({ userId: z.coerce.number().int().positive() }), permission: 'users.manage' },
  (input, user) => disableUser(getDb(), { userId: input.userId, actor: user }),
);
