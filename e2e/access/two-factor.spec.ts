import { expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';
import { LoginPage } from '../support/login-page';
import { LOGINS, PASSWORD } from '../support/logins';

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
    const right = generateSync({ secret: DEMO_TOTP_SECRETS[LOGINS.admin]! });
    const wrong = right === '123456' ? '654321' : '123456';
    await login.code.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.error).toHaveText(
      'That code is not right. Check your authenticator app and try again.',
    );
    await expect(page).toHaveURL(/\/login$/);
    await login.code.fill(generateSync({ secret: DEMO_TOTP_SECRETS[LOGINS.admin]! }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/reconciliation$/);
  });

  test('enrols a staff login without a key on its first sign-in, then asks for codes', async ({
    page,
  }) => {
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

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel('Email').fill('newstaff@demo.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(login.code).toBeVisible();
    await expect(page.getByLabel('Authenticator key')).toHaveCount(0);
  });
});
