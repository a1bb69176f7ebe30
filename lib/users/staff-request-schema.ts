import { z } from 'zod';
import { STAFF_ROLES } from '@/db/schema';

const userId = z.coerce.number().int().positive();

export const staffChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('change_role'),
    userId,
    role: z.enum(STAFF_ROLES, { error: `Role must be one of: ${STAFF_ROLES.join(', ')}.` }),
  }),
  z.object({ kind: z.literal('enable_login'), userId }),
  z.object({ kind: z.literal('reset_totp'), userId }),
]);

export type StaffChangeInput = z.input<typeof staffChangeSchema>;

export const staffDecisionSchema = z.object({
  requestId: z.coerce.number().int().positive(),
  decision: z.enum(['approve', 'reject']),
});

export type StaffDecisionInput = z.input<typeof staffDecisionSchema>;
