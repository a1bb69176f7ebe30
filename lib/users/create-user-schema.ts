import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { accountId, emailAddress } from '@/lib/validation/text';

// Free of server code, so the admin's form validates with the very schema the server parses.
export const createUserSchema = z
  .object({
    email: emailAddress({ required: 'Enter a valid email address.' }),
    role: z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(', ')}.` }),
    accountId: accountId({ required: 'Enter the account id.' }).optional(),
    password: z.string().min(12, 'Password must be at least 12 characters.').max(256),
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{16,}=*$/, 'TOTP secret must be base32 (A-Z, 2-7), at least 16 characters.')
      .optional(),
  })
  .superRefine((value, ctx) => {
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
  });

export type CreateUserInput = z.input<typeof createUserSchema>;
