import { expect, test } from '@playwright/test';
import { ClaimPage } from './claim-page';
import { claimantStatePath } from './sessions';

test.use({ storageState: claimantStatePath('ghost') });

test.describe('a claimant whose account is not in the snapshot', () => {
  test('reads a clear message instead of an error page', async ({ page }) => {
    const claim = new ClaimPage(page);
    const response = await page.goto('/claim');
    expect(response?.status()).toBe(200);
    await expect(
      page.getByText(
        'Your account (acct-9999999) is not in the snapshot of Makewhole demo program',
      ),
    ).toBeVisible();
    await expect(claim.acknowledgeButton).toHaveCount(0);
    await expect(claim.disputeButton).toHaveCount(0);
    await claim.expectNoAxeViolations();
  });

  test('gets a plain "not found" from the claim API and the statement', async ({ page }) => {
    const api = await page.request.get('/api/claim');
    expect(api.status()).toBe(404);
    expect(await api.json()).toEqual({
      error: 'Your account is not in the snapshot, so there is no claim.',
    });
    expect((await page.request.get('/claim/statement.csv')).status()).toBe(404);
  });
});
