import type Database from 'better-sqlite3';
import {
  ONBOARDING_ACTIVATED,
  ONBOARDING_CODE_REFUSED,
  ONBOARDING_CODE_THROTTLED,
  ONBOARDING_PASSWORD_RESET,
} from '@/lib/audit/audit-actions';
import { unknownEmailDigest } from '@/lib/audit/unknown-email';
import { timingSafeEqual } from 'node:crypto';
import { endUserSessions } from '@/lib/auth/login-sessions';
import { hashPassword } from '@/lib/auth/password';
import { auditWriter } from './audit';
import { hashCode, normalizeCode } from './code-format';
import { codeHashKey } from './code-secrets';
import { codeThrottles, waitSeconds, type CodeThrottles } from './code-throttle';
import type { CodePurpose } from './issue-code';
import { passwordProblem } from './password-rules';

export type CodeAttempt = { email: string; code: string; address?: string };

export type CodeCheck =
  | { outcome: 'valid'; purpose: CodePurpose; email: string }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

export type Redemption =
  | { outcome: 'activated' | 'reset'; email: string; userId: number; accountId: string }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  | { outcome: 'weak_password'; message: string };

export type RedeemOptions = { now?: Date; throttles?: CodeThrottles };

type LiveCode = {
  id: number;
  email: string;
  accountId: string;
  purpose: CodePurpose;
  codeHash: string;
  expiresAt: string;
};

type Login = { id: number; email: string; accountId: string | null; disabledAt: string | null };

/** Checks a code without using it (the first step of /activate). */
export function checkCode(
  sqlite: Database.Database,
  attempt: CodeAttempt,
  options: RedeemOptions = {},
): CodeCheck {
  const result = verify(sqlite, attempt, options);
  if (result.outcome !== 'valid') return result;
  return { outcome: 'valid', purpose: result.code.purpose, email: result.code.email };
}

/**
 * Uses a code: sets the password of the account's login, creating the claimant's login on first
 * activation. Wrong, used and expired codes get the same answer, and repeated failures are slowed
 * down per address and per source address. The code is spent in the same transaction that sets
 * the password, so two tabs racing with one code cannot both win.
 */
export async function redeemCode(
  sqlite: Database.Database,
  attempt: CodeAttempt & { password: string },
  options: RedeemOptions = {},
): Promise<Redemption> {
  const checked = verify(sqlite, attempt, options);
  if (checked.outcome !== 'valid') return checked;
  const problem = passwordProblem(attempt.password, checked.code.email);
  if (problem) return { outcome: 'weak_password', message: problem };
  const passwordHash = await hashPassword(attempt.password);
  const now = options.now ?? new Date();
  const result = sqlite
    .transaction(() => spend(sqlite, checked.code, passwordHash, now, attempt.address))
    .immediate();
  if (result.outcome !== 'invalid') {
    (options.throttles ?? codeThrottles(sqlite)).attempts.email.succeed(
      unknownEmailDigest(sqlite, checked.code.email),
    );
  }
  return result;
}

function verify(
  sqlite: Database.Database,
  attempt: CodeAttempt,
  options: RedeemOptions,
): { outcome: 'valid'; code: LiveCode } | Exclude<CodeCheck, { outcome: 'valid' }> {
  const email = attempt.email.trim().toLowerCase().slice(0, 254);
  const address = attempt.address ?? 'unknown';
  const { attempts } = options.throttles ?? codeThrottles(sqlite);
  // Throttled under its keyed digest, and named by it in the trail unless a code was sent to it:
  // the database never holds an address someone merely typed.
  const emailKey = unknownEmailDigest(sqlite, email);
  const code = findLiveCode(sqlite, email);
  const actorEmail = code ? email : emailKey;
  const wait = waitSeconds(attempts, emailKey, address);
  if (wait > 0) {
    auditWriter(sqlite)(ONBOARDING_CODE_THROTTLED, { actorEmail, detail: { address } });
    return { outcome: 'throttled', retryAfterSeconds: wait };
  }
  const now = (options.now ?? new Date()).toISOString();
  const normalized = normalizeCode(attempt.code);
  const reason = !code
    ? 'no_code'
    : !normalized || !sameHash(hashCode(codeHashKey(sqlite), normalized), code.codeHash)
      ? 'wrong_code'
      : code.expiresAt <= now
        ? 'expired'
        : null;
  if (reason || !code) {
    attempts.email.fail(emailKey);
    attempts.address.fail(address);
    auditWriter(sqlite)(ONBOARDING_CODE_REFUSED, {
      actorEmail,
      accountId: code?.accountId,
      // No code is the only way to get here without a reason; the type cannot tell.
      detail: { address, reason: reason ?? 'no_code' },
    });
    return { outcome: 'invalid' };
  }
  return { outcome: 'valid', code };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function findLiveCode(sqlite: Database.Database, email: string): LiveCode | undefined {
  return sqlite
    .prepare(
      `SELECT id, email, account_id AS accountId, purpose, code_hash AS codeHash,
              expires_at AS expiresAt
       FROM activation_codes WHERE email = ? AND used_at IS NULL AND revoked_at IS NULL`,
    )
    .get(email) as LiveCode | undefined;
}

function spend(
  sqlite: Database.Database,
  code: LiveCode,
  passwordHash: string,
  now: Date,
  address: string | undefined,
): Redemption {
  const at = now.toISOString();
  const used = sqlite
    .prepare(
      'UPDATE activation_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL',
    )
    .run(at, code.id);
  if (used.changes === 0) return { outcome: 'invalid' };
  const login = loginFor(sqlite, code);
  if (login === 'conflict' || login?.disabledAt) {
    // The account's login changed hands or was disabled since the code was sent.
    auditWriter(sqlite)(ONBOARDING_CODE_REFUSED, {
      actorEmail: code.email,
      accountId: code.accountId,
      detail: { address: address ?? 'unknown', reason: 'login_conflict' },
    });
    return { outcome: 'invalid' };
  }
  const userId = login
    ? setPassword(sqlite, login.id, passwordHash)
    : createLogin(sqlite, code, passwordHash, at);
  const outcome = login ? 'reset' : 'activated';
  auditWriter(sqlite)(outcome === 'activated' ? ONBOARDING_ACTIVATED : ONBOARDING_PASSWORD_RESET, {
    at,
    actorUserId: userId,
    actorEmail: code.email,
    accountId: code.accountId,
    detail: { codeId: code.id, purpose: code.purpose, address: address ?? 'unknown' },
  });
  return { outcome, email: code.email, userId, accountId: code.accountId };
}

/** The login the code sets a password for: none yet, the account's own, or a conflict. */
function loginFor(sqlite: Database.Database, code: LiveCode): Login | undefined | 'conflict' {
  const select = `SELECT id, email, account_id AS accountId, disabled_at AS disabledAt FROM users`;
  const byEmail = sqlite.prepare(`${select} WHERE email = ?`).get(code.email) as Login | undefined;
  const byAccount = sqlite.prepare(`${select} WHERE account_id = ?`).get(code.accountId) as
    Login | undefined;
  if (byEmail && byEmail.accountId !== code.accountId) return 'conflict';
  if (byAccount && byAccount.email !== code.email) return 'conflict';
  return byEmail;
}

function setPassword(sqlite: Database.Database, userId: number, passwordHash: string): number {
  sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  endUserSessions(sqlite, { userId, reason: 'password_reset' });
  return userId;
}

function createLogin(sqlite: Database.Database, code: LiveCode, passwordHash: string, at: string) {
  const row = sqlite
    .prepare(
      `INSERT INTO users (email, password_hash, role, account_id, created_at)
       VALUES (?, ?, 'claimant', ?, ?)`,
    )
    .run(code.email, passwordHash, code.accountId, at);
  return Number(row.lastInsertRowid);
}
