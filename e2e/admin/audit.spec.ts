import { expect, test } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { storageStatePath } from '../support/logins';

test('the audit trail shows failed sign-ins, filterable by actor and action', async ({
  browser,
}) => {
  const stranger = `stranger-${Date.now()}@demo.test`;
  const anonymous = await (await browser.newContext()).newPage();
  const login = new LoginPage(anonymous);
  await login.goto();
  await login.signIn(stranger, 'not-a-password');
  await expect(login.error).toBeVisible();

  const admin = await (
    await browser.newContext({ storageState: storageStatePath('admin') })
  ).newPage();
  await admin.goto('/admin/audit');
  await admin.getByLabel('Actor email').fill(stranger);
  await admin.getByLabel('Action').selectOption('auth.');
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin).toHaveURL(/action=auth\./);
  // No login has that address, so the trail holds only its keyed digest, found by the address.
  const rows = admin.getByRole('row').filter({ hasText: 'auth.sign_in_failed' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('hmac:');
  await expect(admin.getByRole('table')).not.toContainText(stranger);

  await admin.getByLabel('Action').selectOption('snapshot.import');
  await admin.getByLabel('Actor email').fill('');
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin.getByRole('row').filter({ hasText: 'snapshot.import' })).toHaveCount(1);
});
