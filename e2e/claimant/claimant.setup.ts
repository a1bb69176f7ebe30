import { expect, test as setup } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { PASSWORD } from '../support/logins';
import { CLAIMANTS, claimantStatePath, type ClaimantName } from './sessions';

for (const name of Object.keys(CLAIMANTS) as ClaimantName[]) {
  setup(`sign in as claimant ${name}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(CLAIMANTS[name].email, PASSWORD);
    await expect(page).toHaveURL(/\/claim$/);
    await page.context().storageState({ path: claimantStatePath(name) });
  });
}
