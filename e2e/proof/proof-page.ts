import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The public /proof page: the published root and the in-browser proof checker. */
export class ProofPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/proof');
    await expect(
      this.page.getByRole('heading', { name: 'Proof that every claim is counted' }),
    ).toBeVisible();
  }

  get rootHash() {
    return this.page.getByTestId('root-hash');
  }

  /** The checker's outcome (Next.js keeps an empty route announcer with role alert elsewhere). */
  get verdict() {
    return this.page.getByTestId('proof-verdict');
  }

  async paste(proof: unknown) {
    await this.page.getByLabel('Proof (JSON)').fill(JSON.stringify(proof));
    await this.page.getByRole('button', { name: 'Check proof' }).click();
  }

  async upload(name: string, proof: unknown) {
    await this.page.getByLabel('Or choose a proof file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(proof)),
    });
  }

  async expectNoAxeViolations() {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    expect(results.violations).toEqual([]);
  }
}
