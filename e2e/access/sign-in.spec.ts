import { expect, test } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { LOGINS, PASSWORD } from '../support/logins';

test.describe('signing in', () => {
  for (const [email, home, heading] of [
    [LOGINS.claimant, '/claim', 'My claim'],
    [LOGINS.finance1, '/finance/payouts', 'Payouts'],
    [LOGINS.admin, '/admin/reconciliation', 'Reconciliation'],
  ] as const) {
    test(`${email} lands on ${home}`, async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(email, PASSWORD);
      await expect(page).toHaveURL(new RegExp(`${home}$`));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    });
  }

  test('refuses a wrong password with a message and stays signed out', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(LOGINS.admin, 'not-the-password');
    await expect(login.error).toHaveText('Email or password is incorrect.');
    await page.goto('/admin/reconciliation');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('gives an unknown email the same message as a wrong password', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('nobody@demo.test', PASSWORD);
    await expect(login.error).toHaveText('Email or password is incorrect.');
  });

  test('shows field errors before sending an empty form', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email address.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });

  test('signs out and loses access, even to a copy of the session cookie', async ({
    page,
    browser,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(LOGINS.finance2, PASSWORD);
    await expect(page).toHaveURL(/\/finance\/payouts$/);
    // What someone who copied the cookie (a shared computer, malware) would hold.
    const copied = await page.context().storageState();
    expect(copied.cookies.some((c) => c.name.endsWith('next-auth.session-token'))).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/finance/payouts');
    await expect(page).toHaveURL(/\/login$/);

    const replay = await browser.newContext({ storageState: copied });
    const replayed = await replay.newPage();
    await replayed.goto('/finance/payouts');
    await expect(replayed).toHaveURL(/\/login$/);
    const session = await replay.request.get('/api/auth/session');
    expect(await session.json()).not.toHaveProperty('user');
    await replay.close();
  });
});
