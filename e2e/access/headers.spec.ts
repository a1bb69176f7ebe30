import { expect, test } from '@playwright/test';
import { extraServerPort, startAppServer } from '../support/app-server';
import { e2eDatabaseFile } from '../support/journey-database';
import { postCredentials } from '../support/credentials';
import { LOGINS, PASSWORD } from '../support/logins';

test.describe('every response', () => {
  for (const path of ['/login', '/api/health', '/claim']) {
    test(`${path} carries the security headers and hides the framework`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-powered-by']).toBeUndefined();
    });
  }

  test('session cookies are HttpOnly and SameSite=Lax', async ({ page, context }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('alice@demo.test');
    await page.getByLabel('Password').fill('makewhole-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/claim$/);
    const session = (await context.cookies()).find((c) =>
      c.name.endsWith('next-auth.session-token'),
    );
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    // An 8-hour session: the cookie expires, it is not kept forever.
    expect(session!.expires * 1000 - Date.now()).toBeLessThanOrEqual(8 * 60 * 60 * 1000 + 60_000);
  });
});

test('behind HTTPS, the session cookie is also Secure and __Secure- prefixed', async () => {
  const port = extraServerPort(7);
  // Served over plain HTTP here, but told its public address is HTTPS, as behind a TLS proxy.
  const server = await startAppServer({
    port,
    databaseFile: e2eDatabaseFile(),
    env: { NEXTAUTH_URL: `https://127.0.0.1:${port}` },
  });
  try {
    const signIn = await postCredentials(server.origin, {
      email: LOGINS.claimant,
      password: PASSWORD,
    });
    const session = signIn.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('__Secure-next-auth.session-token='));
    expect(session, signIn.headers.getSetCookie().join('\n')).toBeDefined();
    const attributes = session!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax']));
  } finally {
    await server.stop();
  }
});
