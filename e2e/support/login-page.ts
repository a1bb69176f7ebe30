import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/login');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  /** The form's own alert (Next.js keeps an empty route announcer with the same role). */
  get error() {
    return this.page.locator('form').getByRole('alert');
  }

  get code() {
    return this.page.getByLabel('Code');
  }

  /** Signs in; for a demo staff login, answers the two-factor step with its current code. */
  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    const secret = DEMO_TOTP_SECRETS[email.toLowerCase()];
    if (!secret) return;
    const next = await Promise.race([
      this.code.waitFor().then(
        () => 'code' as const,
        () => 'timeout' as const,
      ),
      this.error.waitFor().then(
        () => 'refused' as const,
        () => 'timeout' as const,
      ),
      this.page
        .waitForURL((url) => url.pathname !== '/login')
        .then(
          () => 'signed-in' as const,
          () => 'timeout' as const,
        ),
    ]);
    if (next !== 'code') return;
    await this.code.fill(generateSync({ secret }));
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
