import { expect, type Page } from '@playwright/test';
import { totpForStep, usableTotpStep } from '@/lib/auth/totp';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';
import { query } from '../finance/finance-db';

/**
 * A code the server has not yet seen for this login: each code signs in once, and the journeys
 * sign the same staff in many times a minute (waiting for the next step when they must).
 */
export async function unusedTotp(email: string, secret: string): Promise<string> {
  const [row] = query<{ step: number | null }>(
    'SELECT totp_last_step AS step FROM users WHERE email = ?',
    email.toLowerCase(),
  );
  const { step, notBefore } = usableTotpStep(row?.step ?? null);
  const wait = notBefore.getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
  return totpForStep(secret, step);
}

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

  /**
   * Signs in; for a demo staff login, answers the two-factor step with an unused code, again if
   * another journey signing the same login in took that code first.
   */
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
    for (let attempt = 1; ; attempt += 1) {
      await this.code.fill(await unusedTotp(email, secret));
      await this.page.getByRole('button', { name: 'Sign in' }).click();
      const refused = await Promise.race([
        this.page
          .waitForURL((url) => url.pathname !== '/login')
          .then(
            () => false,
            () => false,
          ),
        this.error.waitFor().then(
          () => true,
          () => false,
        ),
      ]);
      if (!refused || attempt === 3) return;
    }
  }
}
