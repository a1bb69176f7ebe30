import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { PASSWORD, storageStatePath } from '../support/logins';
import { ERIN_EXPLANATION, FINANCE_CLAIMANTS } from '../support/finance-claimants';
import { query } from './finance-db';

// One journey, step by step: each test continues where the one before stopped.
test.describe.configure({ mode: 'serial' });

const { erin } = FINANCE_CLAIMANTS;
const REASON = 'We found your deposit: your claim now includes it.';

function erinsDispute() {
  return query<{ id: number; status: string; lines: string; resolution: string | null }>(
    'SELECT id, status, lines, resolution FROM disputes WHERE account_id = ? ORDER BY id DESC LIMIT 1',
    erin.accountId,
  )[0]!;
}

async function financePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath('finance1') });
  return context.newPage();
}

test('finance sees the open dispute with its lines, expectation and explanation', async ({
  browser,
}) => {
  const dispute = erinsDispute();
  const [line] = JSON.parse(dispute.lines) as { asset: string; expected: string }[];
  const page = await financePage(browser);
  await page.goto('/finance/disputes');
  const card = page.getByRole('article').filter({ hasText: `Dispute #${dispute.id}` });
  await expect(card).toContainText(erin.accountId);
  await expect(card).toContainText(ERIN_EXPLANATION);
  await expect(card.getByRole('row').filter({ hasText: line!.asset })).toBeVisible();
  await card.getByRole('link', { name: `Dispute #${dispute.id} · ${erin.accountId}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dispute #${dispute.id} open`);
});

test('a resolution needs a reason the claimant will read', async ({ browser }) => {
  const { id } = erinsDispute();
  const page = await financePage(browser);
  await page.goto(`/finance/disputes/${id}`);
  await page.getByRole('button', { name: 'Reject dispute' }).click();
  await expect(page.getByText('Give a reason: the claimant will see it.')).toBeVisible();
  await page.getByRole('button', { name: 'Adjust claim' }).click();
  await expect(page.getByText('Give a reason: the claimant will see it.')).toHaveCount(2);
  expect(erinsDispute().status).toBe('open');
});

test('finance adjusts the claim once, whatever the clicks', async ({ browser }) => {
  const dispute = erinsDispute();
  const [line] = JSON.parse(dispute.lines) as { asset: string; expected: string }[];
  const page = await financePage(browser);
  await page.goto(`/finance/disputes/${dispute.id}`);
  // The new amount starts as what the claimant expects.
  await expect(page.getByLabel(`New claim for ${line!.asset}`)).toHaveValue(line!.expected);
  await page.getByLabel('Reason for the adjustment').fill(REASON);
  await page.getByRole('button', { name: 'Adjust claim' }).dblclick();
  await expect(page.getByText(`Adjusted: ${REASON}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Dispute #${dispute.id} adjusted`,
  );
  const resolutions = query<{ n: number }>(
    'SELECT count(*) AS n FROM ledger_transactions WHERE idempotency_key = ?',
    `dispute-resolution:${dispute.id}`,
  )[0]!.n;
  expect(resolutions).toBe(1);
  expect(erinsDispute()).toMatchObject({ status: 'adjusted', resolution: REASON });
});

test('the claimant reads the reason and acknowledges the new claim', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(erin.email, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
  await expect(page.getByText(REASON).first()).toBeVisible();
  await page.getByLabel(/I confirm these balances/).check();
  await page.getByRole('button', { name: 'Acknowledge claim' }).click();
  const status = () =>
    query<{ status: string }>(
      'SELECT status FROM claim_status WHERE account_id = ?',
      erin.accountId,
    )[0]?.status;
  await expect.poll(status).toBe('acknowledged');
  await expect(page.getByText('Acknowledged', { exact: true }).first()).toBeVisible();
});
