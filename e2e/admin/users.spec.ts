import { expect, test } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { LOGINS, storageStatePath } from '../support/logins';

const PASSWORD = 'a-long-initial-password';

test('the admin creates a claimant login, which signs in, then disables it: access ends at once', async ({
  browser,
}) => {
  const email = `zoe-${Date.now()}@demo.test`;
  const admin = await (
    await browser.newContext({ storageState: storageStatePath('admin') })
  ).newPage();
  await admin.goto('/admin/users');
  const form = admin.getByRole('form', { name: 'New login' });

  await form.getByRole('button', { name: 'Create login' }).click();
  await expect(form.getByText('Enter a valid email address.')).toBeVisible();
  await expect(form.getByText('A claimant login must be bound to an account id.')).toBeVisible();

  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('claimant');
  await form.getByLabel('Account id').fill('acct-0000009');
  await form.getByLabel('Initial password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create login' }).click();
  await expect(form.getByRole('status')).toHaveText(`Login ${email} created.`);
  const row = admin.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('acct-0000009');
  await expect(row).toContainText('active');

  const claimant = await (await browser.newContext()).newPage();
  const login = new LoginPage(claimant);
  await login.goto();
  await login.signIn(email, PASSWORD);
  await expect(claimant).toHaveURL(/\/claim$/);

  await row.getByRole('button', { name: 'Disable login' }).click();
  await row.getByRole('button', { name: `Confirm: disable ${email}` }).click();
  await expect(row).toContainText('disabled');

  await claimant.goto('/claim');
  await expect(claimant).toHaveURL(/\/login$/);
  await login.signIn(email, PASSWORD);
  await expect(login.error).toHaveText('Email or password is incorrect.');

  await admin.goto(`/admin/audit?subject=user:`);
  await expect(
    admin.getByRole('row').filter({ hasText: 'user.disable' }).filter({ hasText: email }),
  ).toHaveCount(1);
});

test('an admin cannot disable their own login', async ({ browser }) => {
  const page = await (
    await browser.newContext({ storageState: storageStatePath('admin') })
  ).newPage();
  await page.goto(`/admin/users?email=${LOGINS.admin}`);
  const row = page.getByRole('row').filter({ hasText: LOGINS.admin });
  await expect(row).toContainText('you');
  await expect(row.getByRole('button', { name: 'Disable login' })).toHaveCount(0);
});
