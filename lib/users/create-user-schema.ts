import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { accountId, emailAddress } from '@/lib/validation/text';

const loginFields = {
  email: emailAddress({ required: 'Enter a valid email address.' }),
  role: z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(', ')}.` }),
  accountId: accountId({ required: 'Enter the account id.' }).optional(),
  password: z.string().min(12, 'Password must be at least 12 characters.').max(256),
};

function bindingRule(value: { role: string; accountId?: string }, ctx: z.RefinementCtx): void {
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

// Free of server code, so the admin's form validates with the very schema the server parses.
/**
 * The admin's "Create login" form. It sets no authenticator secret: a staff member enrols their
 * own on first sign-in, and no admin ever sees it.
 */
export const createLoginSchema = z.object(loginFields).superRefine(bindingRule);

/** The CLI's `user:create`, which may provision a staff TOTP secret (audited). */
export const createUserSchema = z
  .object({
    ...loginFields,
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{16,}=*$/, 'TOTP secret must be base32 (A-Z, 2-7), at least 16 characters.')
      .optional(),
  })
  .superRefine(bindingRule);

export type CreateLoginInput = z.input<typeof createLoginSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
