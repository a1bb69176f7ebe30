import type Database from 'better-sqlite3';
import { ONBOARDING_INVITED, ONBOARDING_RESET_REQUESTED } from '@/lib/audit/audit-actions';
import { randomBytes } from 'node:crypto';
import type { CODE_PURPOSES } from '@/db/schema';
import { auditWriter } from './audit';
import { deriveCode, hashCode } from './code-format';
import { codeDerivationKey, codeHashKey } from './code-secrets';

export type CodePurpose = (typeof CODE_PURPOSES)[number];

/** How long a code stays valid: an invite waits for a claimant to read their mail; a reset is asked for on the spot. */
export const CODE_TTL_MS: Record<CodePurpose, number> = {
  invite: 14 * 24 * 60 * 60_000,
  reset: 60 * 60_000,
};

export type CodeRequest = {
  email: string;
  accountId: string;
  purpose: CodePurpose;
  /** Where the email goes, as the snapshot or the login spells it (defaults to `email`). */
  toAddress?: string;
};

export type IssuedCode = { codeId: number; messageId: number; expiresAt: string };

export type CodeActor = { userId: number | null; email: string };

/**
 * Prepares, once per run, everything issuing a code takes: a new code replaces (revokes) the
 * address's previous one and cancels its unsent email, the new email is queued, and the audit
 * trail records it. `issue` must be called inside a transaction; it never sees the code itself,
 * which is derived again from the nonce when the email is sent.
 */
export function codeIssuer(sqlite: Database.Database, actor: CodeActor, now = new Date()) {
  const hashKey = codeHashKey(sqlite);
  const key = codeDerivationKey(sqlite);
  const at = now.toISOString();
  const liveCode = sqlite
    .prepare(
      'SELECT id FROM activation_codes WHERE email = ? AND used_at IS NULL AND revoked_at IS NULL',
    )
    .pluck();
  const cancelUnsent = sqlite.prepare(
    `UPDATE outbox_messages SET status = 'cancelled', last_error = 'replaced by a newer code'
     WHERE code_id = ? AND status = 'queued'`,
  );
  const revoke = sqlite.prepare('UPDATE activation_codes SET revoked_at = ? WHERE id = ?');
  const insertCode = sqlite.prepare(
    `INSERT INTO activation_codes (email, account_id, purpose, nonce, code_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = sqlite.prepare(
    `INSERT INTO outbox_messages (code_id, to_address, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, 'queued', 0, ?, ?)`,
  );
  const audit = auditWriter(sqlite);

  return {
    issue(request: CodeRequest): IssuedCode {
      const email = request.email.trim().toLowerCase();
      const previous = liveCode.get(email) as number | undefined;
      if (previous !== undefined) {
        cancelUnsent.run(previous);
        revoke.run(at, previous);
      }
      const nonce = randomBytes(16).toString('base64url');
      const codeHash = hashCode(hashKey, deriveCode(key, nonce));
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS[request.purpose]).toISOString();
      const codeId = Number(
        insertCode.run(email, request.accountId, request.purpose, nonce, codeHash, at, expiresAt)
          .lastInsertRowid,
      );
      const messageId = Number(
        insertMessage.run(codeId, request.toAddress ?? email, at, at).lastInsertRowid,
      );
      audit(request.purpose === 'invite' ? ONBOARDING_INVITED : ONBOARDING_RESET_REQUESTED, {
        at,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        accountId: request.accountId,
        detail: { email, codeId, messageId, expiresAt },
      });
      return { codeId, messageId, expiresAt };
    },
  };
}
