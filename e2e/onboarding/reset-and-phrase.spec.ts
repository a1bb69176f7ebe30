import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { codeIn, outboxFileFor } from './mailbox';
import { auditFor, cli } from './onboarding-db';

// Claimants with a password already (created as an operator would), on reserved accounts.
const RESET = { id: 'acct-0000053', email: 'user0000053@example.test' };
const PHRASE = { id: 'acct-0000054', email: 'user0000054@example.test' };
const OLD_PASSWORD = 'amber meadow quiet river';
const NEW_PASSWORD = 'copper lantern seventy owls';

async function createLogin(account: { id: string; email: string }) {
  await cli([
    'user:create',
    '--email',
    account.email,
    '--role',
    'claimant',
    '--account',
    account.id,
    '--password',
    OLD_PASSWORD,
  ]);
}

/** From the sign-in page: "Forgot password?", then the code from the email that arrives. */
async function askForCode(page: Page, email: string) {
  await new LoginPage(page).goto();
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot password' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'we have sent it a new code' }),
  ).toBeVisible();
  return outboxFileFor(email);
}

test('a claimant resets a forgotten password with an emailed code', async ({ page }) => {
  await createLogin(RESET);
  const mail = await askForCode(page, RESET.email);
  expect(mail.subject).toBe('Your Makewhole password reset code');

  await expect(page.getByLabel('Email')).toHaveValue(RESET.email);
  await page.getByLabel('Code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByLabel('Confirm password').fill(`${NEW_PASSWORD}!`);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.locator('#confirm-error')).toHaveText('The two passwords differ.');
  await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page).toHaveURL(/\/claim$/);

  await page.context().clearCookies();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(RESET.email, OLD_PASSWORD);
  await expect(login.error).toHaveText('Email or password is incorrect.');
  await login.signIn(RESET.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
  expect(auditFor(RESET.id)).toEqual(
    expect.arrayContaining([
      'onboarding.reset_requested',
      'onboarding.delivered',
      'onboarding.password_reset',
    ]),
  );
});

test('the anti-phishing phrase shows on every page and in every later email', async ({ page }) => {
  await createLogin(PHRASE);
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(PHRASE.email, OLD_PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);

  await page.getByRole('link', { name: 'Set your anti-phishing phrase' }).click();
  await expect(page.getByRole('heading', { name: 'Anti-phishing phrase' })).toBeVisible();
  await page.getByLabel('Anti-phishing phrase').fill('Blue heron at dawn');
  await page.getByRole('button', { name: 'Save phrase' }).click();
  await expect(page.getByTestId('anti-phishing-phrase')).toHaveText('Blue heron at dawn');

  await page.goto('/claim');
  await expect(page.getByRole('banner').getByText('Blue heron at dawn')).toBeVisible();

  await page.context().clearCookies();
  const mail = await askForCode(page, PHRASE.email);
  expect(mail.text).toContain('Your anti-phishing phrase: "Blue heron at dawn"');
  expect(mail.html || '').toContain('Blue heron at dawn');
  expect(auditFor(PHRASE.id)).toContain('account.phrase_set');
});
