import { z } from 'zod';

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(320)
    .pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.').max(1024),
  code: z
    .string()
    .trim()
    .regex(/^([0-9]{3} ?[0-9]{3})?$/, 'Enter the 6-digit code from your authenticator app.')
    .optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;

/** The prefix of the sign-in error for a throttled attempt; the seconds to wait follow it. */
export const THROTTLED_ERROR = 'throttled';
/** Password accepted; the staff login's authenticator code is needed. */
export const CODE_REQUIRED_ERROR = 'code_required';
/** Password accepted; the staff login must enrol an authenticator (its key is fetched apart). */
export const ENROL_REQUIRED_ERROR = 'enrol_required';

export type SignInStep = { step: 'code' } | { step: 'enrol' } | { step: 'error'; message: string };

/** What the sign-in form does with an error code from next-auth. */
export function nextSignInStep(code: string | undefined | null, codeWasSent: boolean): SignInStep {
  if (code === CODE_REQUIRED_ERROR) return { step: 'code' };
  if (code === ENROL_REQUIRED_ERROR) return { step: 'enrol' };
  return { step: 'error', message: signInErrorMessage(code, codeWasSent) };
}

export function signInErrorMessage(code: string | undefined | null, codeWasSent = false): string {
  if (code?.startsWith(`${THROTTLED_ERROR}:`)) {
    const seconds = Number.parseInt(code.slice(THROTTLED_ERROR.length + 1), 10) || 1;
    return `Too many attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
  }
  if (codeWasSent) return 'That code is not right. Check your authenticator app and try again.';
  return 'Email or password is incorrect.';
}

/** What the form sends to fetch the authenticator key it must show: the same email and password. */
export const enrolmentKeySchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export type EnrolmentKeyInput = z.infer<typeof enrolmentKeySchema>;
