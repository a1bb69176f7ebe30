import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import type { SessionUser } from './authenticate';

export type SessionEnd =
  'signed_out' | 'login_disabled' | 'password_reset' | 'role_changed' | 'two_factor_reset';

/**
 * Opens a session for a login that has just signed in, and returns the id its token carries.
 * Every session that has run out, anyone's, is deleted on the way, so the table holds about as
 * many rows as there are live sessions (sign-ins and sign-outs stay in the audit trail).
 */
export function startLoginSession(
  db: Db,
  input: { userId: number; maxAgeSeconds: number; now?: Date },
): string {
  const now = input.now ?? new Date();
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + input.maxAgeSeconds * 1000).toISOString();
  const sqlite = db.$client;
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM login_sessions WHERE expires_at <= ?').run(now.toISOString());
    sqlite
      .prepare(
        'INSERT INTO login_sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(id, input.userId, now.toISOString(), expiresAt);
  })();
  return id;
}

/**
 * The login behind a session id, if the session is live: not ended, not expired, and its login
 * not disabled. Anything else (a forged id, a token from before sign-out) is nobody.
 */
export function findSessionUser(
  db: Db,
  input: { sessionId: string; now?: Date },
): SessionUser | null {
  const row = prepared(
    db.$client,
    `SELECT u.id, u.email, u.role, u.account_id AS accountId
       FROM login_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ? AND s.ended_at IS NULL AND s.expires_at > ? AND u.disabled_at IS NULL`,
  ).get(input.sessionId, (input.now ?? new Date()).toISOString()) as SessionUser | undefined;
  return row ?? null;
}

/** The user a session token names (its `sid` and `uid`), if that session is live; else nobody. */
export function liveSessionUser(
  db: Db,
  token: { sid?: unknown; uid?: unknown },
): SessionUser | null {
  const user = typeof token.sid === 'string' ? findSessionUser(db, { sessionId: token.sid }) : null;
  return user && user.id === token.uid ? user : null;
}

/** Ends one session (sign-out). Ending an ended or unknown session changes nothing. */
export function endLoginSession(
  db: Db,
  input: { sessionId: string; reason: SessionEnd; now?: Date },
): boolean {
  const result = db.$client
    .prepare(
      `UPDATE login_sessions SET ended_at = ?, ended_reason = ?
        WHERE id = ? AND ended_at IS NULL`,
    )
    .run((input.now ?? new Date()).toISOString(), input.reason, input.sessionId);
  return result.changes === 1;
}

/**
 * Ends every live session of a login, as when it is disabled or its password is reset (whoever
 * held a session with the old password is out); returns how many.
 */
export function endUserSessions(
  db: Db | Database.Database,
  input: { userId: number; reason: SessionEnd; now?: Date },
): number {
  const sqlite = '$client' in db ? db.$client : db;
  return sqlite
    .prepare(
      `UPDATE login_sessions SET ended_at = ?, ended_reason = ?
        WHERE user_id = ? AND ended_at IS NULL`,
    )
    .run((input.now ?? new Date()).toISOString(), input.reason, input.userId).changes;
}
