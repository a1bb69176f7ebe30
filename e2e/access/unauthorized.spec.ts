import { expect, test } from '@playwright/test';
import { storageStatePath } from '../support/logins';

const STAFF_PAGES = [
  '/finance/payouts',
  '/finance/disputes',
  '/admin/reconciliation',
  '/admin/audit',
  '/admin/users',
];

test.describe('an anonymous visitor', () => {
  for (const path of [...STAFF_PAGES, '/claim']) {
    test(`is sent to sign in from ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login$/);
    });
  }
});

test.describe('a claimant', () => {
  test.use({ storageState: storageStatePath('claimant') });

  for (const path of STAFF_PAGES) {
    test(`is refused ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
    });
  }
});

test.describe('finance', () => {
  test.use({ storageState: storageStatePath('finance1') });

  for (const path of ['/admin/audit', '/admin/users', '/claim']) {
    test(`is refused ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
    });
  }
});
