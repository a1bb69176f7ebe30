import { expect, test } from '@playwright/test';
import { claimRecord, rejectOpenDispute } from './claim-db';
import { ClaimPage } from './claim-page';
import { callClaimAction } from './server-action';
import { CLAIMANTS, claimantStatePath } from './sessions';

const CAROL = CLAIMANTS.carol.accountId;
const EXPLANATION = 'I deposited more ETH two days before the hack.\nThe deposit is in my history.';

test.use({ storageState: claimantStatePath('carol') });

// Tests run in file order (one worker per file): each one continues carol's dispute.
test.describe("carol's dispute", () => {
  test('shows field errors, in the form and from the server, and records nothing', async ({
    page,
  }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    await claim.disputeButton.click();
    const form = claim.disputeForm;
    await form.getByRole('button', { name: 'Submit dispute' }).click();
    await expect(form.getByText('Choose the line you disagree with.')).toBeVisible();
    await expect(form.getByText('Enter the amount you expect.')).toBeVisible();
    await expect(form.getByText('Explain in at least 10 characters.')).toBeVisible();
    await expect(form.getByLabel('Explanation')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Line 1: asset').selectOption('USDC');
    await expect(
      form.getByText('Your claim: 0.012591 USDC. Up to 6 decimal places.'),
    ).toBeVisible();
    await form.getByLabel(/^Line 1: amount you expect/).fill('0.1234567');
    await form.getByLabel('Explanation').fill('My USDC balance was higher before the hack.');
    await form.getByRole('button', { name: 'Submit dispute' }).click();
    await expect(
      form.getByText('The amount "0.1234567" has 7 decimal places but USDC allows 6.'),
    ).toBeVisible();
    await expect(form.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    expect(claimRecord(CAROL)).toMatchObject({ status: null, disputes: 0, audits: 0 });
  });

  test('records a valid dispute in the ledger, shows it and stops the acknowledgment', async ({
    page,
    baseURL,
  }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    await claim.disputeButton.click();
    const form = claim.disputeForm;
    await form.getByLabel('Line 1: asset').selectOption('ETH');
    await form.getByLabel(/^Line 1: amount you expect/).fill('0.2');
    await form.getByRole('button', { name: 'Add another line' }).click();
    await form.getByLabel('Line 2: asset').selectOption('SWG');
    await form.getByLabel(/^Line 2: amount you expect/).fill('12');
    await form.getByLabel('Explanation').fill(EXPLANATION);
    await form.getByLabel('References (optional)').fill('0xfeedbeef\n0xcafe');
    await form.getByRole('button', { name: 'Submit dispute' }).click();

    await expect(claim.status).toHaveText('Disputed');
    const dispute = page.getByRole('article').filter({ hasText: 'Under review' });
    await expect(dispute).toContainText('ETH: you expect 0.200000000000000000');
    await expect(dispute).toContainText('SWG: you expect 12');
    await expect(dispute).toContainText('References: 0xfeedbeef, 0xcafe');
    await expect(claim.acknowledgeButton).toHaveCount(0);
    await expect(claim.disputeButton).toHaveCount(0);
    await expect(claim.timelineStep('Dispute under review')).toHaveAttribute(
      'aria-current',
      'step',
    );
    expect(claimRecord(CAROL)).toMatchObject({
      status: 'disputed',
      disputes: 1,
      openDisputes: 1,
      audits: 1,
    });

    const { version } = await (await page.request.get('/api/claim')).json();
    const again = await callClaimAction(page.request, baseURL!, 'openDisputeAction', [
      {
        version,
        lines: [
          { asset: 'SWG', expected: '12' },
          { asset: 'ETH', expected: '0.2' },
        ],
        explanation: EXPLANATION,
        references: '0xfeedbeef\n0xcafe',
      },
    ]);
    expect(again.result).toMatchObject({ ok: true, data: { replayed: true } });
    expect(claimRecord(CAROL)).toMatchObject({ disputes: 1, audits: 1 });
    await claim.expectNoAxeViolations();
  });

  test("shows finance's answer and lets carol acknowledge again", async ({ page }) => {
    rejectOpenDispute(CAROL, 'The deposit reached your account after the snapshot time.');
    const claim = new ClaimPage(page);
    await claim.goto();
    await expect(claim.status).toHaveText('Awaiting your review');
    const dispute = page.getByRole('article').filter({ hasText: 'Resolved: rejected' });
    await expect(dispute).toContainText(
      'The deposit reached your account after the snapshot time.',
    );
    await expect(claim.timelineStep('Dispute resolved: rejected')).toContainText(
      'Finance: “The deposit reached your account after the snapshot time.”',
    );
    // By keyboard alone: tick the confirmation, tab to the button, press Enter.
    await claim.confirmation.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(claim.acknowledgeButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(claim.status).toHaveText('Acknowledged');
    expect(claimRecord(CAROL)).toMatchObject({
      status: 'acknowledged',
      acknowledgments: 1,
      audits: 2,
    });
  });
});
