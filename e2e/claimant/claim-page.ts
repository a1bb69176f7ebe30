import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The claimant's /claim page. */
export class ClaimPage {
  constructor(readonly page: Page) {}

  async goto(path = '/claim') {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { level: 1, name: 'My claim' })).toBeVisible();
  }

  get status() {
    return this.page.getByTestId('claim-status');
  }

  get reference() {
    return this.page.getByTestId('claim-reference');
  }

  get total() {
    return this.page.getByTestId('claim-total');
  }

  /** The table row of one asset line. */
  line(asset: string) {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${asset} `) }) });
  }

  /** The seven figures of a line: balance, coverage, claim, price, value, paid, outstanding. */
  lineCells(asset: string) {
    return this.line(asset).getByRole('cell');
  }

  get acknowledgeButton() {
    return this.page.getByRole('button', { name: 'Acknowledge claim', exact: true });
  }

  get disputeButton() {
    return this.page.getByRole('button', { name: 'Dispute claim', exact: true });
  }

  get confirmation() {
    return this.page.getByLabel(/I confirm these balances/);
  }

  /** The acknowledgment form's own alert (Next.js keeps an empty route announcer too). */
  get acknowledgeAlert() {
    return this.page.locator('form[aria-labelledby="acknowledge-heading"]').getByRole('alert');
  }

  get disputeForm() {
    return this.page.locator('form', {
      has: this.page.getByRole('heading', { name: 'Dispute your claim' }),
    });
  }

  timelineStep(title: string | RegExp) {
    return this.page.getByRole('listitem').filter({ hasText: title });
  }

  async acknowledge() {
    await this.confirmation.check();
    await this.acknowledgeButton.click();
  }

  async expectNoAxeViolations() {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    expect(results.violations).toEqual([]);
  }
}
