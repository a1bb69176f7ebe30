import { expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';
import { LoginPage, unusedTotp } from '../support/login-page';
import { CODES_STAFF, LOGINS, PASSWORD } from '../support/logins';

test.describe('staff two-factor sign-in', () => {
  test('asks for the authenticator code after the password and refuses a wrong one', async ({
    page,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await page.getByLabel('Email').fill(LOGINS.admin);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.code).toBeVisible();
    const right = await unusedTotp(LOGINS.admin, DEMO_TOTP_SECRETS[LOGINS.admin]!);
    const wrong = right === '123456' ? '654321' : '123456';
    await login.code.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.error).toHaveText(
      'That code is not right. Check your authenticator app and try again.',
    );
    await expect(page).toHaveURL(/\/login$/);
    await login.code.fill(right);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/reconciliation$/);
  });

  test('refuses a code that has already signed in once', async ({ browser }) => {
    const code = await unusedTotp(CODES_STAFF.email, CODES_STAFF.totpSecret);
    const outcomes: string[] = [];
    for (const attempt of [1, 2]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      await page.getByLabel('Email').fill(CODES_STAFF.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await login.code.fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();
      if (attempt === 1) {
        await expect(page).toHaveURL(/\/finance\/payouts$/);
        outcomes.push('signed in');
      } else {
        await expect(login.error).toHaveText(
          'That code is not right. Check your authenticator app and try again.',
        );
        await page.goto('/finance/payouts');
        await expect(page).toHaveURL(/\/login$/);
        outcomes.push('refused');
      }
      await context.close();
    }
    expect(outcomes).toEqual(['signed in', 'refused']);
  });

  test('enrols a staff login without a key on its first sign-in, then asks for codes', async ({
    page,
  }) => {
    // Every address the browser asks for or is sent to (next-auth answers the sign-in form with
    // the URL it would redirect to), to prove that the key is in none of them.
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    page.on('response', async (response) => {
      const location = response.headers()['location'];
      if (location) urls.push(location);
      if (response.url().includes('/api/auth/callback/')) {
        const body = (await response.json().catch(() => ({}))) as { url?: string };
        if (body.url) urls.push(body.url);
      }
    });
    const login = new LoginPage(page);
    await login.goto();
    await page.getByLabel('Email').fill('newstaff@demo.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const key = page.getByLabel('Authenticator key');
    await expect(key).toBeVisible();
    const secret = (await key.textContent())!.replace(/\s+/g, '');
    await login.code.fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/finance\/payouts$/);
    expect(urls.some((url) => url.includes('/api/auth/callback/credentials'))).toBe(true);
    for (const url of urls) {
      expect(decodeURIComponent(url).toUpperCase()).not.toContain(secret.toUpperCase());
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel('Email').fill('newstaff@demo.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.code).toBeVisible();
    await expect(page.getByLabel('Authenticator key')).toHaveCount(0);
  });
});
