import type { Db } from '@/db/client';
import type { Role } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { findUserByEmail } from '@/lib/users/queries';
import { DUMMY_HASH, verifyPassword } from './password';

export type SessionUser = { id: number; email: string; role: Role; accountId: string | null };

/**
 * Checks a sign-in and records it either way. Unknown email, wrong password and a disabled
 * login all answer null, after the same work, so the answer does not tell which.
 */
export async function authenticate(
  db: Db,
  { email, password }: { email: string; password: string },
): Promise<SessionUser | null> {
  const user = findUserByEmail(db, { email });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const accepted = Boolean(user && ok && !user.disabledAt);
  recordAudit(db, {
    action: accepted ? 'auth.sign_in' : 'auth.sign_in_failed',
    actorUserId: user?.id ?? null,
    actorEmail: email.trim().toLowerCase().slice(0, 254),
    subject: user ? `user:${user.id}` : null,
    detail: accepted ? undefined : { reason: user?.disabledAt ? 'disabled' : 'bad_credentials' },
  });
  if (!accepted || !user) return null;
  return { id: user.id, email: user.email, role: user.role, accountId: user.accountId };
}
