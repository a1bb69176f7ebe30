import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { USER_DISABLE } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { endUserSessions } from '@/lib/auth/login-sessions';
import { AppError } from '@/lib/errors';

export type DisableUserResult = {
  id: number;
  email: string;
  disabledAt: string;
  replayed: boolean;
};

/**
 * Disables a login: it can no longer sign in, and its open sessions end at once. Logins are never deleted, so the audit trail keeps
 * naming who did what. Disabling a disabled login changes nothing.
 */
export function disableUser(
  db: Db,
  input: { userId: number; actor: StaffActor },
): DisableUserResult {
  const sqlite = db.$client;
  return sqlite
    .transaction((): DisableUserResult => {
      const user = sqlite
        .prepare('SELECT id, email, disabled_at AS disabledAt FROM users WHERE id = ?')
        .get(input.userId) as { id: number; email: string; disabledAt: string | null } | undefined;
      if (!user) throw new AppError('not_found', `There is no login #${input.userId}.`);
      if (user.id === input.actor.id)
        throw new AppError('conflict', 'You cannot disable your own login: ask another admin.');
      if (user.disabledAt) return { ...user, disabledAt: user.disabledAt, replayed: true };
      const disabledAt = new Date().toISOString();
      sqlite.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabledAt, user.id);
      const sessionsEnded = endUserSessions(db, { userId: user.id, reason: 'login_disabled' });
      recordAudit(db, USER_DISABLE, {
        actorUserId: input.actor.id,
        actorEmail: input.actor.email,
        subject: `user:${user.id}`,
        detail: { email: user.email, sessionsEnded },
      });
      return { id: user.id, email: user.email, disabledAt, replayed: false };
    })
    .immediate();
}
