import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-rules';

// Shared by the forms (react-hook-form's resolver) and the server actions (the parse that counts).

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254)
  .pipe(z.email('Enter a valid email address.'));

export const codeStepSchema = z.object({
  email,
  code: z.string().trim().min(1, 'Enter the code from the email.').max(40),
});

export const passwordStepSchema = codeStepSchema
  .extend({
    password: z.string().max(MAX_PASSWORD_LENGTH + 1),
    confirm: z.string().max(MAX_PASSWORD_LENGTH + 1),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value.email);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    else if (value.confirm !== value.password) {
      ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'The two passwords differ.' });
    }
  });

export const requestCodeSchema = z.object({ email });

export const phraseSchema = z.object({
  phrase: z
    .string()
    .trim()
    .min(4, 'Use at least 4 characters.')
    .max(60, 'Use at most 60 characters.')
    .regex(/^[^\p{Cc}<>]*$/u, 'Use letters, digits, spaces and punctuation only.'),
});

export type CodeStepInput = z.infer<typeof codeStepSchema>;
export type PasswordStepInput = z.infer<typeof passwordStepSchema>;
export type RequestCodeInput = z.infer<typeof requestCodeSchema>;
export type PhraseInput = z.infer<typeof phraseSchema>;
