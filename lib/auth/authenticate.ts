import type { Db } from '@/db/client';
import type { Role } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { findUserByEmail } from '@/lib/users/queries';
import { DUMMY_HASH, verifyPassword } from './password';
import { ADDRESS_POLICY, EMAIL_POLICY, Throttle } from './throttle';

export type SessionUser = { id: number; email: string; role: Role; accountId: string | null };

export type Authentication =
  | { outcome: 'accepted'; user: SessionUser }
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

const throttles = globalThis as unknown as {
  makewholeThrottles?: { email: Throttle; address: Throttle };
};

function getThrottles() {
  throttles.makewholeThrottles ??= {
    email: new Throttle(EMAIL_POLICY),
    address: new Throttle(ADDRESS_POLICY),
  };
  return throttles.makewholeThrottles;
}

/**
 * Checks a sign-in and records it either way. Unknown email, wrong password and a disabled
 * login are all refused after the same work, so the answer does not tell which. Repeated failures
 * per email and per source address are slowed down (lib/auth/throttle.ts).
 */
export async function authenticate(
  db: Db,
  { email, password, address = 'unknown' }: { email: string; password: string; address?: string },
): Promise<Authentication> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  const { email: byEmail, address: byAddress } = getThrottles();
  const waitMs = Math.max(byEmail.waitMs(normalized), byAddress.waitMs(address));
  if (waitMs > 0) {
    recordAudit(db, {
      action: 'auth.sign_in_throttled',
      actorEmail: normalized,
      detail: { address },
    });
    return { outcome: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const user = findUserByEmail(db, { email: normalized });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const accepted = Boolean(user && ok && !user.disabledAt);
  recordAudit(db, {
    action: accepted ? 'auth.sign_in' : 'auth.sign_in_failed',
    actorUserId: user?.id ?? null,
    actorEmail: normalized,
    subject: user ? `user:${user.id}` : null,
    detail: accepted
      ? { address }
      : { address, reason: user?.disabledAt ? 'disabled' : 'bad_credentials' },
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
