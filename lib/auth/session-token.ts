import { decode } from 'next-auth/jwt';
import type { Db } from '@/db/client';
import type { SessionUser } from './authenticate';
import { liveSessionUser } from './login-sessions';

type Cookie = { name: string; value: string };

/** next-auth's session cookie: `__Secure-` prefixed when the site is served over HTTPS. */
export function sessionCookieName(siteUrl: string | undefined): string {
  return `${siteUrl?.startsWith('https://') ? '__Secure-' : ''}next-auth.session-token`;
}

/** The session token as next-auth wrote it: one cookie, or chunks `name.0`, `name.1`, … */
export function sessionToken(cookies: readonly Cookie[], name: string): string | null {
  const chunk = (cookie: Cookie) =>
    cookie.name === name ? 0 : Number(/^\.(\d+)$/.exec(cookie.name.slice(name.length))?.[1]);
  const parts = cookies
    .filter((c) => c.name.startsWith(name) && Number.isInteger(chunk(c)))
    .sort((a, b) => chunk(a) - chunk(b));
  return parts.length > 0 ? parts.map((c) => c.value).join('') : null;
}

/**
 * The user of a session token, as next-auth's session callback finds it (options.ts): the token
 * decrypts with the secret and has not expired, its session row is live and its login enabled.
 * Without the rest of getServerSession, which re-encrypts a token that a page cannot send back
 * and makes a CSRF token nobody asked for: half the cost of a signed-in page.
 */
export async function userOfSessionToken(
  db: Db,
  input: { token: string | null; secret: string },
): Promise<SessionUser | null> {
  if (!input.token) return null;
  try {
    const claims = await decode({ token: input.token, secret: input.secret });
    return claims ? liveSessionUser(db, claims) : null;
  } catch {
    // A forged, truncated or expired token, or one sealed with another secret: nobody.
    return null;
  }
}
