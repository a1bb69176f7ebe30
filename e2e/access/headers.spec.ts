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
      // Served over plain HTTP here: no HSTS (it is sent when NEXTAUTH_URL is https://, below).
      expect(headers['strict-transport-security']).toBeUndefined();
    });
  }

  test('scripts run only with a nonce that is new for every response', async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await request.get('/login');
      const policy = response.headers()['content-security-policy']!;
      const scriptSrc = policy
        .split(';')
        .map((directive) => directive.trim())
        .find((directive) => directive.startsWith('script-src '))!;
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
      expect(nonce, scriptSrc).toBeDefined();
      nonces.push(nonce!);
      // Next.js puts the nonce on every script of the page, its inline bootstrap included.
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  test('an inline script injected into the page does not run; the page still works', async ({
    page,
  }) => {
    // As if the page reflected an attacker's text: an inline script and an inline handler,
    // neither carrying the response's nonce.
    await page.route('**/login', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '</body>',
        '<script>window.__injected = true</script><img src="x" onerror="window.__handler = true"></body>',
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto('/login');
    await page.waitForLoadState('load');
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __injected?: boolean; __handler?: boolean };
      return { script: w.__injected === true, handler: w.__handler === true };
    });
    expect(ran).toEqual({ script: false, handler: false });
    // The framework's own scripts ran: the form validates on the client.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email address.')).toBeVisible();
  });

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

test('behind HTTPS, pages send HSTS and the session cookie is Secure and __Secure- prefixed', async () => {
  const port = extraServerPort(7);
  // Served over plain HTTP here, but told its public address is HTTPS, as behind a TLS proxy.
  const server = await startAppServer({
    port,
    databaseFile: e2eDatabaseFile(),
    env: { NEXTAUTH_URL: `https://127.0.0.1:${port}` },
  });
  try {
    const page = await fetch(`${server.origin}/login`);
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
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
