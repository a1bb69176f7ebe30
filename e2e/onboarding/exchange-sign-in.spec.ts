import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { E2E_IDENTITY_PROVIDER, identityProviderPort } from './identity-provider-env';
import { startIdentityProvider } from './identity-provider';
import { appPort, auditFor, loginFor } from './onboarding-db';

let issuer: { close(): Promise<void> };

test.beforeAll(async () => {
  issuer = await startIdentityProvider(appPort());
});

test.afterAll(async () => {
  await issuer.close();
});

/** The exchange's sign-in and consent pages (the test issuer's development screens). */
async function signInAtExchange(page: Page, login: string) {
  await new LoginPage(page).goto();
  await page.getByRole('link', { name: `Sign in with ${E2E_IDENTITY_PROVIDER.name}` }).click();
  await expect(
    page.getByText(`address bar shows 127.0.0.1:${identityProviderPort(appPort())}`),
  ).toBeVisible();
  await page.getByRole('button', { name: `Continue to ${E2E_IDENTITY_PROVIDER.name}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an exchange account id signs in to its claim, with a login created on first use', async ({
  page,
}) => {
  await signInAtExchange(page, 'acct-0000060');
  await expect(page).toHaveURL(/\/claim$/);
  await expect(page.getByRole('button', { name: 'Acknowledge claim' })).toBeVisible();
  expect(loginFor('user0000060@example.test')).toEqual({
    role: 'claimant',
    accountId: 'acct-0000060',
    hasPassword: 0,
  });
  expect(auditFor('acct-0000060')).toEqual(['auth.oidc_sign_in']);
});

test('a verified email from the exchange signs in to the claim at that address', async ({
  page,
}) => {
  await signInAtExchange(page, 'exchange-61');
  await expect(page).toHaveURL(/\/claim$/);
  await expect(page.getByRole('banner').getByText('user0000061@example.test')).toBeVisible();
});

for (const [login, address, why] of [
  ['stranger', 'stranger@example.test', 'an identity matching no account'],
  ['exchange-62', 'user0000062@example.test', 'an unverified email'],
] as const) {
  test(`${why} gets a clear page and never an account`, async ({ page }) => {
    await signInAtExchange(page, login);
    await expect(page).toHaveURL(/\/activate\/no-match/);
    await expect(
      page.getByRole('heading', { name: 'No claim found for this sign-in' }),
    ).toBeVisible();
    await expect(page.getByText('We have not created an account.')).toBeVisible();
    expect(loginFor(address)).toBeUndefined();
    await page.goto('/claim');
    await expect(page).toHaveURL(/\/login/);
  });
}
