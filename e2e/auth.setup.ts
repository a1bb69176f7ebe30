import { expect, test as setup } from '@playwright/test';
import { LoginPage } from './support/login-page';
import { LOGINS, PASSWORD, storageStatePath, type LoginName } from './support/logins';

const HOME: Record<LoginName, string> = {
  claimant: '/claim',
  finance1: '/finance/payouts',
  finance2: '/finance/payouts',
  admin: '/admin/reconciliation',
  admin2: '/admin/reconciliation',
};

for (const name of Object.keys(LOGINS) as LoginName[]) {
  setup(`sign in as ${name}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(LOGINS[name], PASSWORD);
    await expect(page).toHaveURL(new RegExp(`${HOME[name]}$`));
    await page.context().storageState({ path: storageStatePath(name) });
  });
}
