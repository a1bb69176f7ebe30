import 'server-only';
import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import type { SessionUser } from './authenticate';
import { authOptions } from './options';
import { can, type Permission } from './permissions';
import { sessionCookieName, sessionToken, userOfSessionToken } from './session-token';

/**
 * The signed-in user, re-read from the database on every request (lib/auth/options.ts, the
 * session callback): a session that was signed out, or whose login was disabled, is nobody at
 * once, whatever its token says (lib/auth/session-token.ts reads the token as next-auth does).
 * Read once per request however many layouts and pages ask
 * (React's request cache; a route handler or server action asks once anyway).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const { NEXTAUTH_SECRET, NEXTAUTH_URL } = env();
  // Without a configured secret (development) next-auth derives one: let it.
  if (!NEXTAUTH_SECRET) {
    const session = await getServerSession(authOptions);
    return session?.user?.id ? session.user : null;
  }
  const token = sessionToken((await cookies()).getAll(), sessionCookieName(NEXTAUTH_URL));
  return userOfSessionToken(getDb(), { token, secret: NEXTAUTH_SECRET });
});

/** For pages: an anonymous visitor is sent to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  return user;
}

/** For pages: a signed-in user without the permission gets a 403 page. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}
