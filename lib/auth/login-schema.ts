import { z } from 'zod';

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(320)
    .pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export type LoginInput = z.infer<typeof loginSchema>;

/** The prefix of the sign-in error for a throttled attempt; the seconds to wait follow it. */
export const THROTTLED_ERROR = 'throttled';

/** What the sign-in form says for an error code from next-auth. */
export function signInErrorMessage(code: string | undefined | null): string {
  if (code?.startsWith(`${THROTTLED_ERROR}:`)) {
    const seconds = Number.parseInt(code.slice(THROTTLED_ERROR.length + 1), 10) || 1;
    return `Too many attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
  }
  return 'Email or password is incorrect.';
}
