import { expect, type Page } from '@playwright/test';

/**
 * Clicks `Run verification` and waits for the background job it starts to finish: the page
 * follows the job and shows its outcome with its duration.
 */
export async function runVerification(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run verification' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'The verification started; this page shows its progress.' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^The verification started by .* (finished|FAILED) in \d/ }),
  ).toBeVisible({ timeout: 60_000 });
}
