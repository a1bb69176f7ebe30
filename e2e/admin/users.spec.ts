import { expect, test } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { callStaffAction } from '../finance/staff-actions';
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

test('a new finance login, a role change and a re-enabling each wait for a second admin', async ({
  browser,
  baseURL,
}) => {
  const email = `officer-${Date.now()}@demo.test`;
  const open = async (name: 'admin' | 'admin2') => {
    const page = await (
      await browser.newContext({ storageState: storageStatePath(name) })
    ).newPage();
    await page.goto(`/admin/users?email=${email}`);
    return page;
  };
  const maker = await open('admin');
  const form = maker.getByRole('form', { name: 'New login' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('finance');
  await expect(form.getByLabel('TOTP secret (optional)')).toHaveCount(0);
  await form.getByLabel('Initial password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create login' }).click();
  await expect(form.getByRole('status')).toContainText(
    `Login ${email} requested: a different admin must approve it`,
  );
  const requests = (page: typeof maker) =>
    page
      .getByRole('region', { name: 'Staff requests' })
      .getByRole('row')
      .filter({ hasText: email });
  const logins = (page: typeof maker) =>
    page.getByRole('region', { name: 'Logins' }).getByRole('row').filter({ hasText: email });
  await expect(requests(maker)).toContainText('Create login');
  await expect(requests(maker)).toContainText('yours: another admin decides');
  await expect(requests(maker).getByRole('button', { name: 'Approve request' })).toHaveCount(0);
  await expect(logins(maker)).toHaveCount(0);

  // The maker forging the approval is refused by the server, not only by the page.
  const requestId = Number(/#(\d+)/.exec((await requests(maker).textContent())!)![1]);
  const forged = await callStaffAction(maker.request, {
    path: '/admin/users',
    origin: baseURL!,
    name: 'decideStaffRequestAction',
    input: { requestId, decision: 'approve' },
  });
  expect(forged).toEqual({
    ok: false,
    error: `You made request #${requestId}: a different admin must approve it.`,
  });

  const checker = await open('admin2');
  await requests(checker).getByRole('button', { name: 'Approve request' }).click();
  await expect(logins(checker)).toContainText('finance');
  await expect(logins(checker)).not.toContainText('TOTP');

  // Its first sign-in enrols an authenticator of its own choosing.
  const officer = await (await browser.newContext()).newPage();
  const login = new LoginPage(officer);
  await login.goto();
  await officer.getByLabel('Email').fill(email);
  await officer.getByLabel('Password').fill(PASSWORD);
  await officer.getByRole('button', { name: 'Sign in' }).click();
  await expect(officer.getByLabel('Authenticator key')).toBeVisible();

  await maker.reload();
  await logins(maker)
    .getByRole('button', { name: `Make ${email} admin` })
    .click();
  await expect(logins(maker).getByRole('status')).toHaveText(
    'Requested: a different admin must approve it.',
  );
  await checker.reload();
  await requests(checker).getByRole('button', { name: 'Reject request' }).click();
  await expect(requests(checker)).toHaveCount(0);
  await expect(logins(checker)).toContainText('finance');

  await maker.reload();
  await logins(maker).getByRole('button', { name: 'Disable login' }).click();
  await logins(maker)
    .getByRole('button', { name: `Confirm: disable ${email}` })
    .click();
  await expect(logins(maker)).toContainText('disabled');
  await logins(maker)
    .getByRole('button', { name: `Re-enable ${email}` })
    .click();
  await expect(logins(maker).getByRole('status')).toHaveText(
    'Requested: a different admin must approve it.',
  );
  await maker.reload();
  await expect(logins(maker)).toContainText('disabled');
  await checker.reload();
  await requests(checker).getByRole('button', { name: 'Approve request' }).click();
  await expect(logins(checker)).toContainText('active');

  await checker.goto('/admin/audit?action=staff.');
  await expect(
    checker.getByRole('row').filter({ hasText: 'staff.request_approved' }),
  ).not.toHaveCount(0);
});
