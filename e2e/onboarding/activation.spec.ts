import { expect, test, type Page } from '@playwright/test';
import { startSmtpServer, type SmtpTestServer } from '@/lib/onboarding/smtp-test-server';
import { LoginPage } from '../support/login-page';
import { codeIn, receivedBy } from './mailbox';
import { auditFor, cli, expireCode, loginFor } from './onboarding-db';

// Accounts acct-0000050… are reserved for onboarding journeys; none has a login in the seed.
const ACCOUNTS = {
  activate: { id: 'acct-0000050', email: 'user0000050@example.test' },
  reuse: { id: 'acct-0000051', email: 'user0000051@example.test' },
  expire: { id: 'acct-0000052', email: 'user0000052@example.test' },
};
const PASSWORD = 'violet harbour lamp ninety';
const INVALID = /This code does not work/;

let smtp: SmtpTestServer;

test.beforeAll(async () => {
  smtp = await startSmtpServer();
});

test.afterAll(async () => {
  await smtp.close();
});

/** What an operator does: invite the account, then send the outbox through SMTP. */
async function inviteByEmail(account: { id: string; email: string }): Promise<string> {
  expect(await cli(['invite', '--account', account.id])).toContain('Queued 1 activation email');
  await cli(['outbox', 'deliver', '--account', account.id], { SMTP_URL: smtp.url });
  return codeIn(await receivedBy(smtp, account.email));
}

async function enterCode(page: Page, email: string, code: string) {
  await page.goto('/activate');
  await expect(page.getByRole('heading', { name: 'Activate your account' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function choosePassword(page: Page, password: string) {
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Activate and sign in' }).click();
}

test('a claimant activates from the emailed code and sees their claim', async ({ page }) => {
  const account = ACCOUNTS.activate;
  const code = await inviteByEmail(account);
  const mail = await receivedBy(smtp, account.email);
  expect(mail.text).toMatch(/type this address yourself/);
  expect(mail.html || '').not.toMatch(/<a[\s>]|href=/i);

  await enterCode(page, account.email, code.toLowerCase());
  await expect(page.getByText(`Code accepted for ${account.email}`)).toBeVisible();

  // The password rules answer beside the field, before anything is spent.
  await page.getByLabel('Password', { exact: true }).fill('Password2024!');
  await page.getByLabel('Confirm password').fill('Password2024!');
  await page.getByRole('button', { name: 'Activate and sign in' }).click();
  await expect(page.locator('#password-error')).toContainText('breached password lists');

  await choosePassword(page, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
  await expect(page.getByRole('button', { name: 'Acknowledge claim' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(account.email)).toBeVisible();

  expect(loginFor(account.email)).toEqual({
    role: 'claimant',
    accountId: account.id,
    hasPassword: 1,
  });
  expect(auditFor(account.id)).toEqual([
    'onboarding.invited',
    'onboarding.delivered',
    'onboarding.activated',
  ]);

  // The new password is the claimant's from now on.
  await page.context().clearCookies();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(account.email, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
});

test('a code that was already used is refused', async ({ page }) => {
  const account = ACCOUNTS.reuse;
  const code = await inviteByEmail(account);
  await enterCode(page, account.email, code);
  await choosePassword(page, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);

  await page.context().clearCookies();
  await enterCode(page, account.email, code);
  await expect(page.locator('form').getByRole('alert')).toHaveText(INVALID);
  await expect(page.getByLabel('Confirm password')).toHaveCount(0);
});

test('an expired code is refused, and running invite again sends a new one', async ({ page }) => {
  const account = ACCOUNTS.expire;
  const code = await inviteByEmail(account);
  expect(await cli(['invite', '--account', account.id])).toContain('Queued 0 activation emails');
  expireCode(account.email);

  await enterCode(page, account.email, code);
  await expect(page.locator('form').getByRole('alert')).toHaveText(INVALID);
  expect(loginFor(account.email)).toBeUndefined();

  const fresh = await inviteByEmail(account);
  expect(fresh).not.toBe(code);
  await enterCode(page, account.email, fresh);
  await expect(page.getByText(`Code accepted for ${account.email}`)).toBeVisible();
});
