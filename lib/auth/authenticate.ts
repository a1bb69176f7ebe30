import type { Db } from '@/db/client';
import type { Role, User } from '@/db/schema';
import {
  AUTH_SIGN_IN,
  AUTH_SIGN_IN_FAILED,
  AUTH_SIGN_IN_THROTTLED,
} from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { enrolTotp } from '@/lib/users/enrol-totp';
import { findUserByEmail } from '@/lib/users/queries';
import { unknownEmailDigest } from '@/lib/audit/unknown-email';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './password';
import { admit, ADDRESS_POLICY, EMAIL_POLICY, SqliteThrottleStore, Throttle } from './throttle';
import { findOfferedTotpSecret, offeredTotpSecret } from './totp-enrolment';
import { matchTotp } from './totp';

export type SessionUser = { id: number; email: string; role: Role; accountId: string | null };

export type Authentication =
  | { outcome: 'accepted'; user: SessionUser }
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  /** Password right; a staff login with two-factor must now give its code. */
  | { outcome: 'code_required' }
  /** Password right; a staff login without two-factor must enrol this key (kept on the server). */
  | { outcome: 'enrol_required'; secret: string };

export type Credentials = {
  email: string;
  password: string;
  /** The six-digit code from the authenticator app (staff). */
  code?: string;
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

/** The second step for staff: a valid code for the stored secret, or enrolment of the offered one. */
function secondFactor(db: Db, user: User, c: Credentials): Verdict {
  if (!SECOND_FACTOR_ROLES.includes(user.role)) return { outcome: 'accepted' };
  const code = c.code?.trim();
  if (user.totpSecret) {
    if (!code) return { outcome: 'code_required' };
    const step = matchTotp(user.totpSecret, code);
    return step !== null && claimTotpStep(db, { userId: user.id, step })
      ? { outcome: 'accepted' }
      : { outcome: 'refused' };
  }
  const offered = findOfferedTotpSecret(db.$client, user.id);
  if (offered && code) {
    const step = matchTotp(offered, code);
    if (step === null) return { outcome: 'refused' };
    enrolTotp(db, { userId: user.id, secret: offered, step });
    return { outcome: 'accepted' };
  }
  return { outcome: 'enrol_required', secret: offeredTotpSecret(db.$client, user.id) };
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
 * login are all refused after the same work, so the answer does not tell which. Each attempt is
 * counted against its email and its source address before the password is checked, in one step
 * (lib/auth/throttle.ts `admit`), so a burst of parallel guesses is slowed like the same guesses
 * made one after another; an attempt that did not fail is then taken back. Staff then need their
 * authenticator code, or enrol one on their first sign-in. A hash made with older parameters is
 * replaced at the login's next successful sign-in.
 */
export async function authenticate(db: Db, credentials: Credentials): Promise<Authentication> {
  const { password, address = 'unknown' } = credentials;
  const typed = credentials.email.trim().slice(0, 254);
  const normalized = typed.toLowerCase();
  // Only an ASCII address can name a login: lower-casing first would turn a lookalike (the
  // Kelvin sign K) into a real address, so anything else matches no one.
  const user = ASCII_EMAIL.test(typed) ? findUserByEmail(db, { email: normalized }) : undefined;
  // Records name an email no login has only by its keyed digest (lib/audit/unknown-email.ts).
  const emailKey = unknownEmailDigest(db.$client, normalized);
  const actorEmail = user ? user.email : emailKey;
  const throttles = signInThrottles(db);
  const waitMs = admit([
    { throttle: throttles.email, key: emailKey },
    { throttle: throttles.address, key: address },
  ]);
  if (waitMs > 0) {
    recordAudit(db, AUTH_SIGN_IN_THROTTLED, { actorEmail, detail: { address } });
    return { outcome: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const storedHash = user?.passwordHash ?? DUMMY_HASH;
  const passwordOk = await verifyPassword(password, storedHash);
  const verdict: Verdict =
    user && passwordOk && !user.disabledAt
      ? secondFactor(db, user, credentials)
      : { outcome: 'refused' };
  if (verdict.outcome === 'code_required' || verdict.outcome === 'enrol_required') {
    // The password was right: this step is not a failure, the next one decides.
    throttles.email.refund(emailKey);
    throttles.address.refund(address);
    return verdict;
  }
  if (verdict.outcome !== 'accepted' || !user) {
    throttles.email.confirm(emailKey);
    throttles.address.confirm(address);
    recordAudit(db, AUTH_SIGN_IN_FAILED, {
      actorUserId: user?.id ?? null,
      actorEmail,
      subject: user ? `user:${user.id}` : null,
      detail: { address, reason: refusalReason(user, passwordOk) },
    });
    return { outcome: 'refused' };
  }
  const upgradedHash = needsRehash(storedHash) ? await hashPassword(password) : null;
  db.transaction((tx) => {
    if (upgradedHash) {
      // Only if the hash is still the one just checked: a password set meanwhile wins.
      db.$client
        .prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?')
        .run(upgradedHash, user.id, storedHash);
    }
    recordAudit(tx, AUTH_SIGN_IN, {
      actorUserId: user.id,
      actorEmail,
      subject: `user:${user.id}`,
      detail: upgradedHash ? { address, passwordRehashed: true } : { address },
    });
    throttles.email.succeed(emailKey);
    throttles.address.refund(address);
  });
  return {
    outcome: 'accepted',
    user: { id: user.id, email: user.email, role: user.role, accountId: user.accountId },
  };
}

function refusalReason(
  user: User | undefined,
  passwordOk: boolean,
): 'bad_credentials' | 'disabled' | 'bad_code' {
  if (!user || !passwordOk) return 'bad_credentials';
  return user.disabledAt ? 'disabled' : 'bad_code';
}
