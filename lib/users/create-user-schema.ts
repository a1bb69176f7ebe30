import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { accountId, emailAddress } from '@/lib/validation/text';

const loginFields = {
  email: emailAddress({ required: 'Enter a valid email address.' }),
  role: z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(', ')}.` }),
  accountId: accountId({ required: 'Enter the account id.' }).optional(),
  password: z.string().min(12, 'Password must be at least 12 characters.').max(256),
};

const totpSecret = z
  .string()
  .regex(/^[A-Z2-7]{16,}=*$/, 'TOTP secret must be base32 (A-Z, 2-7), at least 16 characters.');

/** A login as the command line provisions it: its TOTP key may be given (and is audited). */
export const createUserSchema = z
  .object({ ...loginFields, totpSecret: totpSecret.optional() })
  .superRefine(checkBinding);

/**
 * A login as an admin creates it in the web UI (free of server code, so the form validates with
 * the very schema the server parses). No TOTP key: a staff member enrols their own at their
 * first sign-in, so no admin ever sets or sees it. A key sent anyway is dropped by the parse.
 */
export const adminCreateUserSchema = z.object(loginFields).superRefine(checkBinding);

function checkBinding(
  value: { role: (typeof ROLES)[number]; accountId?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.role === 'claimant' && !value.accountId) {
    ctx.addIssue({
      code: 'custom',
      path: ['accountId'],
      message: 'A claimant login must be bound to an account id.',
    });
  }
  if (value.role !== 'claimant' && value.accountId) {
    ctx.addIssue({
      code: 'custom',
      path: ['accountId'],
      message: 'Only claimant logins are bound to an account.',
    });
  }
}

export type CreateUserInput = z.input<typeof createUserSchema>;
export type AdminCreateUserInput = z.input<typeof adminCreateUserSchema>;
