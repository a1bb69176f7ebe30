import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { storageStatePath, type LoginName } from '../support/logins';

const PAGES: [LoginName, string][] = [
  ['admin', '/admin/reconciliation'],
  ['admin', '/admin/reconciliation/assets/BTC'],
  ['admin', '/admin/reconciliation/accounts/acct-0000001'],
  ['admin', '/admin/audit'],
  ['admin', '/admin/users'],
  ['finance1', '/finance/payouts'],
  ['finance1', '/finance/disputes'],
];

for (const [login, path] of PAGES) {
  test(`${path} has no accessibility violations`, async ({ browser }) => {
    const page = await (
      await browser.newContext({ storageState: storageStatePath(login) })
    ).newPage();
    await page.goto(path);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
}
