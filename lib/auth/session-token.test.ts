import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from '@/lib/users/create-user';
import { endLoginSession, startLoginSession } from './login-sessions';
import { sessionCookieName, sessionToken, userOfSessionToken } from './session-token';

const SECRET = 'test-only-secret-0123456789abcdef0123456789';
const HOUR = 3600;

async function signedIn() {
  const db = tempDb('mw-session-token-');
  const claimant = await createUser(db, {
    email: 'c@example.test',
    role: 'claimant',
    accountId: 'acct-1',
    password: 'correct horse battery',
  });
  const sid = startLoginSession(db, { userId: claimant.id, maxAgeSeconds: HOUR });
  // What next-auth's jwt callback puts in the cookie at sign-in (options.ts).
  const token = await encode({
    token: { uid: claimant.id, sid, email: claimant.email },
    secret: SECRET,
  });
  return { db, claimant, sid, token };
}

describe('reading the session cookie', () => {
  it('names the user of a live session sealed with the secret', async () => {
    const { db, claimant, token } = await signedIn();
    expect(await userOfSessionToken(db, { token, secret: SECRET })).toEqual({
      id: claimant.id,
      email: 'c@example.test',
      role: 'claimant',
      accountId: 'acct-1',
    });
  });

  it('names nobody without a token, or with a forged, foreign, expired or ended one', async () => {
    const { db, claimant, sid, token } = await signedIn();
    const nobody = (t: string | null, secret = SECRET) =>
      expect(userOfSessionToken(db, { token: t, secret })).resolves.toBeNull();
    await nobody(null);
    await nobody('not-a-token');
    await nobody(`${token.slice(0, -4)}AAAA`);
    await nobody(token, 'another-secret-0123456789abcdef0123456789');
    await nobody(await encode({ token: { uid: claimant.id, sid }, secret: SECRET, maxAge: -60 }));
    await nobody(await encode({ token: { uid: claimant.id + 1, sid }, secret: SECRET }));
    await nobody(await encode({ token: { uid: claimant.id }, secret: SECRET }));
    endLoginSession(db, { sessionId: sid, reason: 'signed_out' });
    await nobody(token);
  });

  it('finds the token whole or in chunks, in order, under the name for the site', () => {
    const name = sessionCookieName('http://127.0.0.1:3000');
    expect(name).toBe('next-auth.session-token');
    expect(sessionCookieName('https://claims.example')).toBe('__Secure-next-auth.session-token');
    const other = [
      { name: 'next-auth.csrf-token', value: 'x' },
      { name: `${name}-other`, value: 'y' },
      { name: `${name}.extra`, value: 'z' },
    ];
    expect(sessionToken(other, name)).toBeNull();
    expect(sessionToken([...other, { name, value: 'whole' }], name)).toBe('whole');
    const chunks = [
      { name: `${name}.1`, value: 'b' },
      { name: `${name}.10`, value: 'd' },
      { name: `${name}.0`, value: 'a' },
      { name: `${name}.2`, value: 'c' },
    ];
    expect(sessionToken([...chunks, ...other], name)).toBe('abcd');
  });
});
