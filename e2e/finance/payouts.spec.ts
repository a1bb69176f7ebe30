import { execFileSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { runVerification } from '../support/verification';
import { parse } from 'csv-parse/sync';
import { paidAccount } from '@/lib/ledger/accounts';
import { claimRecord } from '../claimant/claim-db';
import { ClaimPage } from '../claimant/claim-page';
import { LoginPage } from '../support/login-page';
import { PASSWORD, storageStatePath, type LoginName } from '../support/logins';
import { FINANCE_CLAIMANTS } from '../support/finance-claimants';
import { query } from './finance-db';
import { callStaffAction } from './staff-actions';

// One journey, step by step: each test continues where the one before stopped.
test.describe.configure({ mode: 'serial' });

const { dave, frank } = FINANCE_CLAIMANTS;
const REFERENCE = `0x${Date.now().toString(16)}feedbeef`;
let batchId = 0;

async function signedIn(browser: Browser, name: LoginName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(name) });
  return context.newPage();
}

async function claimantPage(browser: Browser, email: string): Promise<ClaimPage> {
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
  return new ClaimPage(page);
}

const txCount = (kind: string, id = batchId) =>
  query<{ n: number }>(
    "SELECT count(*) AS n FROM ledger_transactions WHERE kind = ? AND json_extract(memo, '$.batchId') = ?",
    kind,
    id,
  )[0]!.n;

test('finance1 creates a batch of the acknowledged claims and cannot approve it', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'finance1');
  await page.goto('/finance/payouts');
  await page.getByLabel('Accounts (optional)').fill(`${dave.accountId}\n${frank.accountId}`);
  await page.getByRole('button', { name: 'Create batch' }).click();
  await expect(page).toHaveURL(/\/finance\/payouts\/[0-9]+$/);
  batchId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Batch #${batchId} pending`);

  const items = query<{ account_id: string }>(
    'SELECT account_id FROM payout_items WHERE batch_id = ? AND live = 1',
    batchId,
  );
  expect(new Set(items.map((i) => i.account_id))).toEqual(
    new Set([dave.accountId, frank.accountId]),
  );
  await expect(page.locator('dl').first()).toContainText(`Lines${items.length}`);
  await expect(page.getByRole('link', { name: dave.accountId })).toBeVisible();

  await expect(page.getByRole('button', { name: 'Approve batch' })).toBeDisabled();
  await expect(
    page.getByText('You created this batch: another finance user must approve it.'),
  ).toBeVisible();
  // The server refuses the creator whatever the browser sends.
  const forged = await callStaffAction(page.request, {
    path: `/finance/payouts/${batchId}`,
    origin: new URL(page.url()).origin,
    name: 'approveBatchAction',
    input: { batchId },
  });
  expect(forged).toMatchObject({ ok: false, error: expect.stringMatching(/another finance user/) });
  expect(txCount('payout.batch_approved')).toBe(0);
});

test('finance2 approves and executes it, each step once however often it is clicked', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'finance2');
  await page.goto(`/finance/payouts/${batchId}`);
  await page.getByRole('button', { name: 'Approve batch' }).dblclick();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Batch #${batchId} approved`);
  expect(txCount('payout.batch_approved')).toBe(1);

  await page.getByRole('button', { name: 'Execute batch' }).click();
  await expect(page.getByText('Enter the reference of the payment')).toBeVisible();
  await page.getByLabel('Reference').fill(REFERENCE);
  await page.getByRole('button', { name: 'Execute batch' }).dblclick();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Batch #${batchId} executed`);
  await expect(page.getByText(REFERENCE)).toBeVisible();
  await expect(page.getByText(/by finance2@demo\.test/).first()).toBeVisible();
  expect(txCount('payout.batch_executed')).toBe(1);
  await expect(page.getByRole('button', { name: 'Cancel batch' })).toHaveCount(0);

  // The wallet team's file: one row per line, amounts exact.
  const csv = await page.request.post(`/finance/payouts/${batchId}/csv`, { form: {} });
  expect((await page.request.get(`/finance/payouts/${batchId}/csv`)).status()).toBe(405);
  expect(csv.headers()['content-disposition']).toContain(`payout-batch-${batchId}-executed.csv`);
  const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
  const items = query<{ account_id: string; asset: string; amount_units: string }>(
    'SELECT account_id, asset, amount_units FROM payout_items WHERE batch_id = ? ORDER BY 1, 2',
    batchId,
  );
  expect(rows.map((r) => [r.account_id, r.asset, r.amount_units])).toEqual(
    items.map((i) => [i.account_id, i.asset, i.amount_units]),
  );
});

test('the claimant then sees the claim paid, with the reference', async ({ browser }) => {
  const { page } = await claimantPage(browser, dave.email);
  await expect(page.getByText('Your claim is paid in full.').first()).toBeVisible();
  await expect(page.getByText(REFERENCE).first()).toBeVisible();
});

test('the admin sees the checks pass and the audit trail naming each actor', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'admin');
  await page.goto('/admin/reconciliation');
  await runVerification(page);
  await expect(
    page.getByRole('status').filter({ hasText: 'Last full verification' }),
  ).toContainText('passed');
  const checks = page.getByRole('list', { name: 'Reconciliation checks' }).getByRole('listitem');
  await expect(checks).toHaveCount(6);
  for (const check of await checks.all()) await expect(check).toContainText('pass');

  await page.goto(`/admin/audit?subject=batch:${batchId}`);
  const rows = page.getByRole('row');
  for (const [actor, action] of [
    ['finance1@demo.test', 'payout.batch_created'],
    ['finance2@demo.test', 'payout.batch_approved'],
    ['finance2@demo.test', 'payout.batch_executed'],
  ]) {
    await expect(rows.filter({ hasText: action }).filter({ hasText: actor })).toHaveCount(1);
  }
  await page.goto(`/admin/audit?subject=account:${dave.accountId}`);
  await expect(
    page.getByRole('row').filter({ hasText: 'claim.acknowledge' }).filter({ hasText: dave.email }),
  ).toHaveCount(1);
});

test('report --json and verify agree with the reconciliation screen', async ({ browser }) => {
  const page = await signedIn(browser, 'admin');
  const csv = await (await page.request.get('/admin/reconciliation/csv')).text();
  const env = {
    ...process.env,
    DATABASE_URL: `file:data/e2e-${process.env.E2E_PORT ?? 3100}/makewhole.db`,
  };
  const cli = (...args: string[]) =>
    execFileSync('npx', ['tsx', '--conditions=react-server', 'lib/cli/main.ts', ...args], {
      env,
      encoding: 'utf8',
    });
  expect(cli('verify')).toMatch(/^Verified/);
  const report = JSON.parse(cli('report', '--json')) as {
    assets: Record<string, string>[];
    checks: Record<string, boolean>;
  };
  expect(Object.values(report.checks).every(Boolean)).toBe(true);
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  const screen = new Map(rows.map((row) => [row.asset, row]));
  const trim = (plain: string) => (plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain);
  for (const asset of report.assets) {
    const row = screen.get(asset.asset)!;
    expect(
      ['snapshotTotal', 'owed', 'adjustments', 'paid', 'outstanding'].map((k) => trim(asset[k]!)),
    ).toEqual(
      ['snapshot_total', 'owed', 'adjustments', 'paid', 'outstanding'].map((k) => trim(row[k]!)),
    );
  }
});

test.describe('a claim disputed after its batch was approved', () => {
  const { heidi, kate } = FINANCE_CLAIMANTS;
  let heldBatchId = 0;

  const liveAccounts = (batch: number) =>
    query<{ account_id: string }>(
      'SELECT DISTINCT account_id FROM payout_items WHERE batch_id = ? AND live = 1 ORDER BY 1',
      batch,
    ).map((item) => item.account_id);

  /** The account's paid balances other than zero: none, while nothing was paid to it. */
  const paidBalances = (accountId: string) =>
    query<{ account: string }>(
      "SELECT account FROM ledger_balances WHERE account = ? AND units != '0'",
      paidAccount(accountId),
    );

  test('heidi acknowledges; finance1 batches her claim with kate’s and finance2 approves', async ({
    browser,
  }) => {
    const claim = await claimantPage(browser, heidi.email);
    await claim.acknowledge();
    await expect(claim.status).toHaveText('Acknowledged');

    const maker = await signedIn(browser, 'finance1');
    await maker.goto('/finance/payouts');
    await maker.getByLabel('Accounts (optional)').fill(`${heidi.accountId}\n${kate.accountId}`);
    await maker.getByRole('button', { name: 'Create batch' }).click();
    await expect(maker).toHaveURL(/\/finance\/payouts\/[0-9]+$/);
    heldBatchId = Number(new URL(maker.url()).pathname.split('/').pop());

    const checker = await signedIn(browser, 'finance2');
    await checker.goto(`/finance/payouts/${heldBatchId}`);
    expect(liveAccounts(heldBatchId)).toEqual([heidi.accountId, kate.accountId]);
    await expect(checker.getByRole('link', { name: heidi.accountId }).first()).toBeVisible();
    await checker.getByRole('button', { name: 'Approve batch' }).click();
    await expect(checker.getByRole('heading', { level: 1 })).toHaveText(
      `Batch #${heldBatchId} approved`,
    );
  });

  test('heidi may still dispute her claim while it waits in the approved batch', async ({
    browser,
  }) => {
    const claim = await claimantPage(browser, heidi.email);
    await claim.disputeButton.click();
    const form = claim.disputeForm;
    await form.getByLabel('Line 1: asset').selectOption({ index: 1 });
    await form.getByLabel(/^Line 1: amount you expect/).fill('1');
    await form.getByLabel('Explanation').fill('My balance was higher before the hack.');
    await form.getByRole('button', { name: 'Submit dispute' }).click();
    await expect(claim.status).toHaveText('Disputed');
    expect(claimRecord(heidi.accountId)).toMatchObject({ status: 'disputed', openDisputes: 1 });
  });

  test('executing the batch is refused, naming heidi’s held claim, and pays nothing', async ({
    browser,
  }) => {
    const { disputeId } = query<{ disputeId: number }>(
      "SELECT id AS disputeId FROM disputes WHERE account_id = ? AND status = 'open'",
      heidi.accountId,
    )[0]!;
    const checker = await signedIn(browser, 'finance2');
    await checker.goto(`/finance/payouts/${heldBatchId}`);
    await checker.getByLabel('Reference').fill(`${REFERENCE}-held`);
    await checker.getByRole('button', { name: 'Execute batch' }).click();
    const refusal = checker.getByRole('alert').filter({ hasText: 'may not be paid now' });
    await expect(refusal).toHaveText(
      `Batch #${heldBatchId} holds 1 claim that may not be paid now: ${heidi.accountId} (dispute #${disputeId} is open). Nothing was paid: cancel the batch and create a new one.`,
    );

    await checker.reload();
    await expect(checker.getByRole('heading', { level: 1 })).toHaveText(
      `Batch #${heldBatchId} approved`,
    );
    expect(query('SELECT status, reference FROM payout_batches WHERE id = ?', heldBatchId)).toEqual(
      [{ status: 'approved', reference: null }],
    );
    expect(txCount('payout.batch_executed', heldBatchId)).toBe(0);
    expect(paidBalances(heidi.accountId)).toEqual([]);
    expect(paidBalances(kate.accountId)).toEqual([]);
  });

  test('it can be cancelled, and a new batch of the same accounts leaves the held claim out', async ({
    browser,
  }) => {
    const checker = await signedIn(browser, 'finance2');
    await checker.goto(`/finance/payouts/${heldBatchId}`);
    await checker.getByLabel('Reason for cancelling').fill('Heidi disputed her claim.');
    await checker.getByRole('button', { name: 'Cancel batch' }).click();
    await expect(checker.getByRole('heading', { level: 1 })).toHaveText(
      `Batch #${heldBatchId} cancelled`,
    );

    const maker = await signedIn(browser, 'finance1');
    await maker.goto('/finance/payouts');
    await maker.getByLabel('Accounts (optional)').fill(`${heidi.accountId}\n${kate.accountId}`);
    await maker.getByRole('button', { name: 'Create batch' }).click();
    await expect(maker).toHaveURL(/\/finance\/payouts\/[0-9]+$/);
    const nextBatchId = Number(new URL(maker.url()).pathname.split('/').pop());
    expect(nextBatchId).not.toBe(heldBatchId);
    await expect(maker.getByRole('heading', { level: 1 })).toHaveText(
      `Batch #${nextBatchId} pending`,
    );
    await expect(maker.getByRole('link', { name: kate.accountId }).first()).toBeVisible();
    await expect(maker.getByRole('link', { name: heidi.accountId })).toHaveCount(0);
    expect(liveAccounts(nextBatchId)).toEqual([kate.accountId]);
    expect(liveAccounts(heldBatchId)).toEqual([]);
  });
});
