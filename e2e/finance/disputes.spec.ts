import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { PASSWORD, storageStatePath } from '../support/logins';
import { ERIN_EXPLANATION, FINANCE_CLAIMANTS } from '../support/finance-claimants';
import { query } from './finance-db';
import { callStaffAction } from './staff-actions';

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

async function financePage(
  browser: Browser,
  login: 'finance1' | 'finance2' = 'finance1',
): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(login) });
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

function pendingProposal(disputeId: number) {
  return query<{ id: number; status: string }>(
    "SELECT id, status FROM adjustment_proposals WHERE dispute_id = ? AND status = 'pending'",
    disputeId,
  )[0];
}

function adjustments(disputeId: number): number {
  return query<{ n: number }>(
    'SELECT count(*) AS n FROM ledger_transactions WHERE idempotency_key = ?',
    `dispute-resolution:${disputeId}`,
  )[0]!.n;
}

async function propose(page: Page, disputeId: number, reason: string) {
  await page.goto(`/finance/disputes/${disputeId}`);
  await page.getByLabel('Reason for the adjustment').fill(reason);
  await page.getByRole('button', { name: 'Adjust claim' }).dblclick();
  await expect(page.getByRole('heading', { name: /^Proposed adjustment #/ })).toBeVisible();
}

test('an adjustment is only proposed: the claim stays as it is', async ({ browser }) => {
  const dispute = erinsDispute();
  const [line] = JSON.parse(dispute.lines) as { asset: string; expected: string }[];
  const page = await financePage(browser);
  await page.goto(`/finance/disputes/${dispute.id}`);
  // The new amount starts as what the claimant expects.
  await expect(page.getByLabel(`New claim for ${line!.asset}`)).toHaveValue(line!.expected);
  await propose(page, dispute.id, 'A first look: the deposit counts.');
  await expect(page.getByText('You proposed it: another finance user must')).toBeVisible();
  expect(adjustments(dispute.id)).toBe(0);
  expect(erinsDispute()).toMatchObject({ status: 'open', resolution: null });
  expect(
    query<{ n: number }>(
      'SELECT count(*) AS n FROM adjustment_proposals WHERE dispute_id = ?',
      dispute.id,
    )[0]!.n,
  ).toBe(1);
});

test('the officer who proposed it cannot approve it, by button or forged action', async ({
  browser,
  baseURL,
}) => {
  const dispute = erinsDispute();
  const proposal = pendingProposal(dispute.id)!;
  const page = await financePage(browser);
  await page.goto(`/finance/disputes/${dispute.id}`);
  await page.getByRole('button', { name: 'Approve adjustment' }).click();
  await expect(
    page.getByText(
      `You proposed adjustment #${proposal.id}: another finance user must approve it.`,
    ),
  ).toBeVisible();
  const forged = await callStaffAction(page.request, {
    path: `/finance/disputes/${dispute.id}`,
    origin: baseURL!,
    name: 'approveAdjustmentAction',
    input: { proposalId: proposal.id },
  });
  expect(forged).toMatchObject({ ok: false, error: expect.stringMatching(/another finance user/) });
  expect(adjustments(dispute.id)).toBe(0);
  expect(pendingProposal(dispute.id)?.id).toBe(proposal.id);
});

test('the other officer sees the proposal and rejects it with a reason', async ({ browser }) => {
  const dispute = erinsDispute();
  const page = await financePage(browser, 'finance2');
  await page.goto(`/finance/disputes/${dispute.id}`);
  await expect(page.getByText('Proposed by finance1@demo.test')).toBeVisible();
  // While a proposal waits, neither a second proposal nor a rejection of the dispute is offered.
  await expect(page.getByRole('button', { name: 'Adjust claim' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Reject adjustment' }).click();
  await expect(
    page.getByText('Give a reason: the officer who proposed it will read it.'),
  ).toBeVisible();
  await page.getByLabel('Reason for rejecting the adjustment').fill('Check the deposit date.');
  await page.getByRole('button', { name: 'Reject adjustment' }).click();
  await expect(page.getByRole('button', { name: 'Adjust claim' })).toBeVisible();
  expect(pendingProposal(dispute.id)).toBeUndefined();
  expect(adjustments(dispute.id)).toBe(0);
  expect(erinsDispute().status).toBe('open');
});

test('a proposal approved by the other officer adjusts the claim once', async ({ browser }) => {
  const dispute = erinsDispute();
  await propose(await financePage(browser), dispute.id, REASON);
  const page = await financePage(browser, 'finance2');
  await page.goto(`/finance/disputes/${dispute.id}`);
  await page.getByRole('button', { name: 'Approve adjustment' }).dblclick();
  await expect(page.getByText(`Adjusted: ${REASON}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Dispute #${dispute.id} adjusted`,
  );
  expect(adjustments(dispute.id)).toBe(1);
  expect(erinsDispute()).toMatchObject({ status: 'adjusted', resolution: REASON });
});

test('the claimant reads the reason and acknowledges the new claim', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(erin.email, PASSWORD);
  await expect(page).toHaveURL(/\/claim$/);
  await expect(page.getByText(REASON).first()).toBeVisible();
  // The rejected proposal never reached the claimant.
  await expect(page.getByText('A first look: the deposit counts.')).toHaveCount(0);
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
