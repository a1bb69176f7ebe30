import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { ONBOARDING_CODE_REQUEST_IGNORED } from '@/lib/audit/audit-actions';
import { unknownEmailDigest } from '@/lib/audit/unknown-email';
import { auditWriter } from './audit';
import { codeThrottles, waitSeconds, type CodeThrottles } from './code-throttle';
import { codeIssuer, type CodeRequest } from './issue-code';

export type CodeRequestResult =
  | { outcome: 'queued'; messageId: number }
  | { outcome: 'ignored' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

type Login = {
  id: number;
  email: string;
  role: string;
  accountId: string | null;
  disabledAt: string | null;
};

/**
 * "Forgot password?": a claimant's login gets a reset code; a snapshot account that was never
 * activated gets a fresh activation code (its earlier one stops working). Anyone else gets
 * nothing, and the caller answers the same either way, so the form does not reveal who has a
 * claim. Staff passwords are reset by an admin, not by email. Requests are throttled per
 * address and per source, so that no one can flood a mailbox.
 */
export function requestCode(
  sqlite: Database.Database,
  input: { email: string; address?: string },
  options: { now?: Date; throttles?: CodeThrottles } = {},
): CodeRequestResult {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const address = input.address ?? 'unknown';
  const { requests } = options.throttles ?? codeThrottles(sqlite);
  // Throttled under its keyed digest: the throttle table never holds a typed address.
  const emailKey = unknownEmailDigest(sqlite, email);
  const wait = waitSeconds(requests, emailKey, address);
  if (wait > 0) return { outcome: 'throttled', retryAfterSeconds: wait };
  requests.email.fail(emailKey);
  requests.address.fail(address);
  return sqlite
    .transaction((): CodeRequestResult => {
      const target = codeTarget(sqlite, email);
      if ('ignored' in target) {
        auditWriter(sqlite)(ONBOARDING_CODE_REQUEST_IGNORED, {
          actorEmail: target.ignored === 'unknown_address' ? emailKey : email,
          detail: { address, reason: target.ignored },
        });
        return { outcome: 'ignored' };
      }
      const actor = { userId: null, email };
      const { messageId } = codeIssuer(sqlite, actor, options.now).issue(target);
      return { outcome: 'queued', messageId };
    })
    .immediate();
}

type Ignored = { ignored: z.infer<typeof ONBOARDING_CODE_REQUEST_IGNORED.detail>['reason'] };

function codeTarget(sqlite: Database.Database, email: string): CodeRequest | Ignored {
  const login = sqlite
    .prepare(
      `SELECT id, email, role, account_id AS accountId, disabled_at AS disabledAt
       FROM users WHERE email = ?`,
    )
    .get(email) as Login | undefined;
  if (login) {
    if (login.role !== 'claimant' || !login.accountId) return { ignored: 'staff_login' };
    if (login.disabledAt) return { ignored: 'disabled_login' };
    return { email, toAddress: login.email, accountId: login.accountId, purpose: 'reset' };
  }
  const account = sqlite
    .prepare('SELECT id, email FROM accounts WHERE lower(email) = ?')
    .get(email) as { id: string; email: string } | undefined;
  if (!account) return { ignored: 'unknown_address' };
  const bound = sqlite.prepare('SELECT 1 FROM users WHERE account_id = ?').get(account.id);
  if (bound) return { ignored: 'account_has_other_login' };
  return { email, toAddress: account.email, accountId: account.id, purpose: 'invite' };
}
