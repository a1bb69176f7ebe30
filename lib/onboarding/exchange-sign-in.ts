import 'server-only';
import type { Profile, User } from 'next-auth';
import { getDb } from '@/db/client';
import { signInWithIdentity } from './sign-in-with-identity';

export const NO_MATCH_PATH = '/activate/no-match';

/**
 * next-auth's signIn callback for the exchange's identity provider. A matched identity becomes
 * the account's claimant login: next-auth passes this same `user` object on to the jwt callback,
 * so rewriting it here is what puts our login (not the provider's subject) in the session.
 * Anything else is sent to a page that explains, and no login is created.
 */
export function exchangeSignIn(user: User, claims: Profile | undefined): true | string {
  const raw = (claims ?? {}) as { sub?: unknown; email?: unknown; email_verified?: unknown };
  const result = signInWithIdentity(getDb().$client, {
    sub: String(raw.sub ?? user.id),
    email: typeof raw.email === 'string' ? raw.email : null,
    emailVerified: raw.email_verified === true,
  });
  if (result.outcome !== 'signed_in') return `${NO_MATCH_PATH}?reason=${result.outcome}`;
  Object.assign(user, {
    id: String(result.user.id),
    email: result.user.email,
    role: 'claimant',
    accountId: result.user.accountId,
  });
  return true;
}
