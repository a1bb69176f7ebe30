import { expect, test, type APIRequestContext } from '@playwright/test';
import { LoginPage } from '../support/login-page';
import { PASSWORD } from '../support/logins';
import { ProofPage } from './proof-page';

// Reserved for the proof journeys (e2e/support/seed.ts): no other journey acts on her claim.
const GRACE = { email: 'grace@demo.test', accountId: 'acct-0000007' };

type Step = { balances: Record<string, string>; hash?: string };

async function download(request: APIRequestContext, format?: 'coinex') {
  const response = await request.get(`/api/claim/proof${format ? `?format=${format}` : ''}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toMatch(
    /^attachment; filename="makewhole-proof-acct-0000007/,
  );
  expect(response.headers()['cache-control']).toContain('no-store');
  return response.json();
}

test.describe('verifiable claims', () => {
  test('grace downloads her proof and the public page verifies it; a tampered copy is refused', async ({
    page,
    browser,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(GRACE.email, PASSWORD);
    await expect(page).toHaveURL(/\/claim$/);
    const proof = await download(page.request);
    expect(proof).toMatchObject({ format: 'makewhole-proof/v1', accountId: GRACE.accountId });
    expect(proof.path.length).toBeGreaterThan(0);

    // Anyone can check it: the public page, without a session.
    const anonymous = await browser.newContext();
    const proofPage = new ProofPage(await anonymous.newPage());
    await proofPage.goto();
    await expect(proofPage.rootHash).toHaveText(/^[0-9a-f]{64}$/);
    await proofPage.paste(proof);
    await expect(proofPage.verdict.getByRole('status')).toContainText('Proof verified');
    await expect(proofPage.verdict).toContainText(`Account ${GRACE.accountId}`);

    const tampered = structuredClone(proof);
    const sibling = tampered.path[0] as Step;
    const asset = Object.keys(sibling.balances)[0] as string;
    sibling.balances[asset] = '-5';
    await proofPage.upload('tampered.json', tampered);
    const refusal = proofPage.verdict.getByRole('alert');
    await expect(refusal).toContainText(`Proof refused. Step 1 of ${proof.path.length} failed`);
    await expect(refusal).toContainText('negative');

    const changedAmount = structuredClone(proof);
    const own = Object.keys(changedAmount.balances)[0] as string;
    changedAmount.balances[own] = `${BigInt(changedAmount.balances[own]) * 10n}`;
    await proofPage.upload('changed.json', changedAmount);
    await expect(proofPage.verdict.getByRole('alert')).toContainText('Your leaf failed');
    await anonymous.close();
  });

  test("grace's proof for the exchange's own verifier checks out when uploaded as a file", async ({
    page,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(GRACE.email, PASSWORD);
    await expect(page).toHaveURL(/\/claim$/);
    const proof = await download(page.request, 'coinex');
    expect(Object.keys(proof)).toEqual(['root', 'self', 'path']);
    const proofPage = new ProofPage(page);
    await proofPage.goto();
    await proofPage.upload('makewhole-proof-acct-0000007-coinex.json', proof);
    await expect(proofPage.verdict.getByRole('status')).toContainText('Proof verified');
  });

  test('an anonymous request for a proof gets 401 and no proof', async ({ request }) => {
    const response = await request.get('/api/claim/proof');
    expect(response.status()).toBe(401);
    expect(await response.text()).not.toContain('nonce');
  });

  test('the public proof page needs no sign-in and has no accessibility violations', async ({
    page,
  }) => {
    const proofPage = new ProofPage(page);
    await proofPage.goto();
    await expect(page).toHaveURL(/\/proof$/);
    await proofPage.expectNoAxeViolations();
  });
});
