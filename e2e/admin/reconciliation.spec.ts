import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { storageStatePath } from '../support/logins';

test.use({ storageState: storageStatePath('admin') });

test('pages and sorts the 737 assets, in amounts or USD', async ({ page }) => {
  await page.goto('/admin/reconciliation');
  await expect(page.getByText('Page 1 of 15 (737 assets)')).toBeVisible();
  const table = page.getByRole('table').filter({ hasText: 'Snapshot total' });
  await expect(table.locator('tbody tr')).toHaveCount(50);

  await table.getByRole('link', { name: 'Accounts' }).click();
  await expect(table.getByRole('columnheader', { name: /Accounts/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const counts = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  const numbers = counts.map((c) => Number(c.replace(/,/g, '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  await page.getByRole('link', { name: 'USD values' }).click();
  await expect(table.locator('tfoot')).toContainText('$');
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 15 (737 assets)')).toBeVisible();
});

test('drills down from an asset to its accounts and to an account ledger history', async ({
  page,
}) => {
  await page.goto('/admin/reconciliation/assets/BTC');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('BTC');
  const accounts = page.getByRole('table');
  await expect(accounts.locator('tbody tr').first()).toBeVisible();
  await accounts.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Account acct-');
  const history = page.getByRole('region', { name: 'Ledger history' });
  await expect(
    history.getByRole('row').filter({ hasText: 'snapshot.import' }).first(),
  ).toBeVisible();
});

test('shows both charts and exports the table as CSV', async ({ page }) => {
  await page.goto('/admin/reconciliation');
  await expect(page.getByText('Paid and outstanding over time')).toBeVisible();
  await expect(page.getByText('Claim sizes')).toBeVisible();
  await expect(page.locator('.recharts-wrapper')).toHaveCount(2);
  const response = await page.request.get('/admin/reconciliation/csv');
  expect(response.headers()['content-type']).toContain('text/csv');
  const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(738);
  expect(rows.at(-1)?.asset).toBe('TOTAL_USD');
});
