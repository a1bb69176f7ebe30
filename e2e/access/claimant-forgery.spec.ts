import { expect, test, type Browser } from '@playwright/test';
import { claimRecord } from '../claimant/claim-db';
import { callClaimAction } from '../claimant/server-action';
import { ALICE_ACCOUNT, CLAIMANTS, claimantStatePath } from '../claimant/sessions';
import { storageStatePath } from '../support/logins';

const BOB = CLAIMANTS.bob.accountId;
const CAROL = CLAIMANTS.carol.accountId;

/** Alice's current claim version, read with her own session: what a forger would aim at. */
async function aliceVersion(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageStatePath('claimant') });
  try {
    const json = await (await context.request.get('/api/claim')).json();
    expect(json.accountId).toBe(ALICE_ACCOUNT);
    return json.version as string;
  } finally {
    await context.close();
  }
}

const forgedDispute = (version: string) => ({
  version,
  accountId: ALICE_ACCOUNT,
  account_id: ALICE_ACCOUNT,
  lines: [{ asset: 'BTC', expected: '2' }],
  explanation: 'A dispute forged in the name of another account.',
  references: '',
});

test.describe('an anonymous visitor', () => {
  test('gets 401 from the claim API and the statement, whatever the query', async ({ request }) => {
    for (const path of [
      '/api/claim',
      `/api/claim?accountId=${BOB}`,
      `/claim/statement.csv?account=${BOB}`,
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
      expect(await response.text()).not.toContain(BOB);
    }
  });

  test('cannot run a claim action', async ({ request, baseURL, browser }) => {
    const version = await aliceVersion(browser);
    const before = claimRecord(ALICE_ACCOUNT);
    const { result } = await callClaimAction(request, baseURL!, 'acknowledgeClaimAction', [
      { version, accountId: ALICE_ACCOUNT },
    ]);
    expect(result).toEqual({ ok: false, error: 'Please sign in.' });
    expect(claimRecord(ALICE_ACCOUNT)).toEqual(before);
  });
});

test.describe('finance', () => {
  test.use({ storageState: storageStatePath('finance1') });

  test('is refused the claimant API and statement', async ({ page }) => {
    expect((await page.request.get(`/api/claim?accountId=${BOB}`)).status()).toBe(403);
    expect((await page.request.get('/claim/statement.csv')).status()).toBe(403);
  });
});

test.describe('a claimant forging another account', () => {
  test.use({ storageState: claimantStatePath('bob') });

  test('reads only their own claim whatever the URL or query names', async ({ page }) => {
    for (const query of [
      `accountId=${CAROL}`,
      `account=${CAROL}&account_id=${CAROL}&id=${CAROL}`,
      `accountId[]=${CAROL}&accountId=${ALICE_ACCOUNT}`,
    ]) {
      const json = await (await page.request.get(`/api/claim?${query}`)).json();
      expect(json.accountId, query).toBe(BOB);
      expect(JSON.stringify(json)).not.toContain(CAROL);
    }
    expect((await page.request.get(`/api/claim/${CAROL}`)).status()).toBe(404);
    const posted = await page.request.post('/api/claim', { data: { accountId: CAROL } });
    expect(posted.status()).toBe(405);

    await page.goto(`/claim?accountId=${CAROL}&account=${CAROL}`);
    await expect(page.getByText(BOB, { exact: true })).toBeVisible();
    await expect(page.getByText(CAROL)).toHaveCount(0);
    expect((await page.goto(`/claim/${CAROL}`))?.status()).toBe(404);

    const statement = await page.request.get(
      `/claim/statement.csv?account=${CAROL}&accountId=${CAROL}`,
    );
    const body = await statement.text();
    expect(body).toContain(`,${BOB},`);
    expect(body).not.toContain(CAROL);
  });

  test('cannot acknowledge or dispute it through forged action arguments', async ({
    page,
    baseURL,
    browser,
  }) => {
    const version = await aliceVersion(browser);
    const before = claimRecord(ALICE_ACCOUNT);
    const ack = await callClaimAction(page.request, baseURL!, 'acknowledgeClaimAction', [
      { version, accountId: ALICE_ACCOUNT },
      ALICE_ACCOUNT,
    ]);
    expect(ack.result?.ok).toBe(false);
    expect(ack.result?.error).toMatch(/^Your claim changed since you loaded this page/);
    const dispute = await callClaimAction(page.request, baseURL!, 'openDisputeAction', [
      forgedDispute(version),
    ]);
    expect(dispute.result?.ok).toBe(false);
    expect(dispute.result?.error).toMatch(/^Your claim changed since you loaded this page/);
    expect(claimRecord(ALICE_ACCOUNT)).toEqual(before);
  });
});

test.describe('a claimant outside the snapshot forging an account in it', () => {
  test.use({ storageState: claimantStatePath('ghost') });

  test('is refused, and the named account is unchanged', async ({ page, baseURL, browser }) => {
    const version = await aliceVersion(browser);
    const before = claimRecord(ALICE_ACCOUNT);
    for (const [name, args] of [
      ['acknowledgeClaimAction', [{ version, accountId: ALICE_ACCOUNT }]],
      ['openDisputeAction', [forgedDispute(version)]],
    ] as const) {
      const { result } = await callClaimAction(page.request, baseURL!, name, [...args]);
      expect(result, name).toEqual({
        ok: false,
        error: 'Your account is not in the snapshot, so there is no claim to act on.',
      });
    }
    expect(claimRecord(ALICE_ACCOUNT)).toEqual(before);
  });
});
