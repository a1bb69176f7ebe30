import type { Db } from '@/db/client';
import type { Role } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { enrolTotp } from '@/lib/users/enrol-totp';
import { findUserByEmail } from '@/lib/users/queries';
import { DUMMY_HASH, verifyPassword } from './password';
import { ADDRESS_POLICY, EMAIL_POLICY, SqliteThrottleStore, Throttle } from './throttle';
import { matchTotp, newTotpSecret } from './totp';

export type SessionUser = { id: number; email: string; role: Role; accountId: string | null };

export type Authentication =
  | { outcome: 'accepted'; user: SessionUser }
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  /** Password right; a staff login with two-factor must now give its code. */
  | { outcome: 'code_required' }
  /** Password right; a staff login without two-factor must enrol this secret first. */
  | { outcome: 'enrol_required'; secret: string };

export type Credentials = {
  email: string;
  password: string;
  /** The six-digit code from the authenticator app (staff). */
  code?: string;
  /** The secret being enrolled, as shown to the user on the previous step. */
  enrolSecret?: string;
  address?: string;
};

const ASCII_EMAIL = /^[\x21-\x7e]+$/;

/** Finance and admin logins move money and read everyone's data: they need a second factor. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['finance', 'admin'];

/** The sign-in throttles, kept in the database that every app process shares. */
function signInThrottles(db: Db) {
  return {
    email: new Throttle(
      EMAIL_POLICY,
      Date.now,
      new SqliteThrottleStore(db.$client, 'sign-in:email'),
    ),
    address: new Throttle(
      ADDRESS_POLICY,
      Date.now,
      new SqliteThrottleStore(db.$client, 'sign-in:address'),
    ),
  };
}

type Verdict =
  Exclude<Authentication, { outcome: 'accepted' | 'throttled' }> | { outcome: 'accepted' };

/** The second step for staff: a valid code for the stored secret, or enrolment of a new one. */
function secondFactor(
  db: Db,
  user: { id: number; role: Role; totpSecret: string | null },
  c: Credentials,
): Verdict {
  if (!SECOND_FACTOR_ROLES.includes(user.role)) return { outcome: 'accepted' };
  const code = c.code?.trim();
  if (user.totpSecret) {
    if (!code) return { outcome: 'code_required' };
    const step = matchTotp(user.totpSecret, code);
    return step !== null && claimTotpStep(db, { userId: user.id, step })
      ? { outcome: 'accepted' }
      : { outcome: 'refused' };
  }
  if (c.enrolSecret && code) {
    const step = matchTotp(c.enrolSecret, code);
    if (step === null) return { outcome: 'refused' };
    enrolTotp(db, { userId: user.id, secret: c.enrolSecret, step });
    return { outcome: 'accepted' };
  }
  return { outcome: 'enrol_required', secret: newTotpSecret() };
}

/**
 * Records that a code of this step was used, unless a code of this step or a later one already
 * was: someone who saw a code (over a shoulder, in a phishing page) cannot sign in with it again.
 * One conditional UPDATE, so two sign-ins racing with the same code cannot both win.
 */
function claimTotpStep(db: Db, { userId, step }: { userId: number; step: number }): boolean {
  return (
    db.$client
      .prepare(
        `UPDATE users SET totp_last_step = ?
          WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
      )
      .run(step, userId, step).changes === 1
  );
}

/**
 * Checks a sign-in and records it either way. Unknown email, wrong password and a disabled
 * login are all refused after the same work, so the answer does not tell which. Repeated failures
 * per email and per source address are slowed down (lib/auth/throttle.ts). Staff then need their
 * authenticator code, or enrol one on their first sign-in.
 */
export async function authenticate(db: Db, credentials: Credentials): Promise<Authentication> {
  const { password, address = 'unknown' } = credentials;
  const typed = credentials.email.trim().slice(0, 254);
  const normalized = typed.toLowerCase();
  const { email: byEmail, address: byAddress } = signInThrottles(db);
  const waitMs = Math.max(byEmail.waitMs(normalized), byAddress.waitMs(address));
  if (waitMs > 0) {
    recordAudit(db, {
      action: 'auth.sign_in_throttled',
      actorEmail: normalized,
      detail: { address },
    });
    return { outcome: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  // Only an ASCII address can name a login: lower-casing first would turn a lookalike (the
  // Kelvin sign K) into a real address, so anything else matches no one.
  const user = ASCII_EMAIL.test(typed) ? findUserByEmail(db, { email: normalized }) : undefined;
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const verdict: Verdict =
    user && passwordOk && !user.disabledAt
      ? secondFactor(db, user, credentials)
      : { outcome: 'refused' };
  if (verdict.outcome === 'code_required' || verdict.outcome === 'enrol_required') return verdict;
  const accepted = verdict.outcome === 'accepted' && user !== undefined;
  recordAudit(db, {
    action: accepted ? 'auth.sign_in' : 'auth.sign_in_failed',
    actorUserId: user?.id ?? null,
    actorEmail: normalized,
    subject: user ? `user:${user.id}` : null,
    detail: accepted ? { address } : { address, reason: refusalReason(user, passwordOk) },
  });
  if (!accepted || !user) {
    byEmail.fail(normalized);
    byAddress.fail(address);
    return { outcome: 'refused' };
  }
  byEmail.succeed(normalized);
  return {
    outcome: 'accepted',
    user: { id: user.id, email: user.email, role: user.role, accountId: user.accountId },
  };
}

function refusalReason(
  user: { disabledAt: string | null } | undefined,
  passwordOk: boolean,
): string {
  if (!user || !passwordOk) return 'bad_credentials';
  return user.disabledAt ? 'disabled' : 'bad_code';
}
