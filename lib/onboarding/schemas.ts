import { z } from 'zod';
import { asciiIdentifier, emailAddress, freeText } from '@/lib/validation/text';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-rules';

// Shared by the forms (react-hook-form's resolver) and the server actions (the parse that counts).

const email = emailAddress();

export const codeStepSchema = z.object({
  email,
  code: asciiIdentifier({
    allowed: 'letters and digits of the code',
    spaces: true,
    min: { chars: 1, message: 'Enter the code from the email.' },
    max: { chars: 40, message: 'The code has 10 letters and digits.' },
  }),
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

// Shown at the top of every page and quoted in every email: one line, and no markup at all.
export const phraseSchema = z.object({
  phrase: freeText({
    min: { chars: 4, message: 'Use at least 4 characters.' },
    max: { chars: 60, message: 'Use at most 60 characters.' },
    pattern: { regex: /^[^<>]*$/, message: 'Use letters, digits, spaces and punctuation only.' },
  }),
});

export type CodeStepInput = z.infer<typeof codeStepSchema>;
export type PasswordStepInput = z.infer<typeof passwordStepSchema>;
export type RequestCodeInput = z.infer<typeof requestCodeSchema>;
export type PhraseInput = z.infer<typeof phraseSchema>;
