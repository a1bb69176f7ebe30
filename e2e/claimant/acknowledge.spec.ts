import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { adjustClaim, claimRecord } from './claim-db';
import { ClaimPage } from './claim-page';
import { callClaimAction } from './server-action';
import { ALICE_ACCOUNT, CLAIMANTS, claimantStatePath } from './sessions';

const BOB = CLAIMANTS.bob.accountId;

// Bob's lines in the journeys' snapshot, worked out by hand: balance, coverage, claim (balance ×
// coverage rounded down to the asset's decimals), price, value (half-up cents), paid, outstanding.
const BOB_LINES: Record<string, string[]> = {
  SOL: ['0.079917000', '100%', '0.079917000', '$145.12', '$11.60', '0', '0.079917000'],
  DOGE: ['0.84000000', '90%', '0.75600000', '$0.1234', '$0.09', '0', '0.75600000'],
  DOT: ['0.2379300437', '100%', '0.2379300437', '$6.1', '$1.45', '0', '0.2379300437'],
  ETC: [
    '0.079190000000000000',
    '100%',
    '0.079190000000000000',
    '$22.5',
    '$1.78',
    '0',
    '0.079190000000000000',
  ],
  PEA: [
    '0.452905106033447230',
    '100%',
    '0.452905106033447230',
    '$0.05524',
    '$0.03',
    '0',
    '0.452905106033447230',
  ],
  NBQZC: [
    '0.085652960691644838',
    '100%',
    '0.085652960691644838',
    '$1.596',
    '$0.14',
    '0',
    '0.085652960691644838',
  ],
  YVQC: ['0.01100000', '100%', '0.01100000', '$0.0000000541', '$0.00', '0', '0.01100000'],
};

test.use({ storageState: claimantStatePath('bob') });
// Tests run in file order (one worker per file): the last two change bob's claim.

test.describe("bob's claim", () => {
  test('shows every line exactly, the total, the status and how each number was computed', async ({
    page,
  }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    await expect(page.getByText('Makewhole demo program', { exact: true })).toBeVisible();
    await expect(page.getByText('14 Mar 2025, 23:59 UTC').first()).toBeVisible();
    await expect(claim.status).toHaveText('Awaiting your review');
    await expect(claim.total).toHaveText('$15.09');
    await expect(claim.reference).toHaveText(/^MW-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    for (const [asset, cells] of Object.entries(BOB_LINES)) {
      await expect(claim.lineCells(asset)).toHaveText(cells);
    }
    await claim.line('DOGE').getByText('How is this computed?').click();
    await expect(claim.line('DOGE')).toContainText(
      '0.84000000 DOGE × 90% coverage = 0.75600000 DOGE, rounded down to 8 decimal places.',
    );
    await expect(claim.timelineStep('Acknowledge or dispute')).toHaveAttribute(
      'aria-current',
      'step',
    );
    await claim.expectNoAxeViolations();
  });

  test('finds a line by search and orders lines by exact USD value', async ({ page }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    const assets = page.getByRole('rowheader');
    await expect(assets).toHaveText([/^SOL/, /^ETC/, /^DOT/, /^NBQZC/, /^DOGE/, /^PEA/, /^YVQC/]);
    await page.getByLabel('Sort by').selectOption({ label: 'USD value, lowest first' });
    await expect(assets.first()).toHaveText(/^YVQC/);
    await page.getByLabel('Search assets').fill('filoqua');
    await expect(assets).toHaveText([/^PEA/]);
    await expect(page.getByText('1 of 7 lines match; showing 1.')).toBeVisible();
  });

  test('stays readable on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const claim = new ClaimPage(page);
    await claim.goto();
    await expect(page.getByRole('columnheader', { name: 'Snapshot balance' })).not.toBeInViewport();
    const bounds = await claim.line('ETC').boundingBox();
    expect(bounds?.width).toBeLessThanOrEqual(390);
    await claim.expectNoAxeViolations();
  });

  test('serves the same claim as JSON and as a CSV statement', async ({ page }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    const json = await (await page.request.get('/api/claim')).json();
    expect(json).toMatchObject({
      accountId: BOB,
      status: 'open',
      usdTotal: '15.0857143104862527864332',
    });
    expect(json.lines).toContainEqual({
      asset: 'PEA',
      decimals: 18,
      snapshotBalance: '0.452905106033447230',
      claim: '0.452905106033447230',
      paid: '0.000000000000000000',
      outstanding: '0.452905106033447230',
      usdPrice: '0.05524',
      usdValue: '0.0250184780572876249852',
    });
    const reference = await claim.reference.innerText();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download statement (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`makewhole-claim-${reference}.csv`);
    const rows = parse(readFileSync(await download.path(), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(7);
    expect(rows.find((row) => row.asset === 'DOGE')).toEqual({
      program: 'Makewhole demo program',
      snapshot_at: expect.stringMatching(/^2025-03-14T23:59:59/),
      account_id: BOB,
      claim_version: json.version,
      claim_reference: reference,
      status: 'open',
      asset: 'DOGE',
      name: 'Dogecoin',
      decimals: '8',
      snapshot_balance: '0.84000000',
      coverage: '0.9',
      claim: '0.75600000',
      usd_price: '0.1234',
      usd_value: '0.09',
      usd_value_exact: '0.0932904',
      paid: '0.00000000',
      outstanding: '0.75600000',
    });
  });

  test('refuses an acknowledgment of a claim that changed since the page loaded, and shows the new version', async ({
    page,
  }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    const seen = await claim.reference.innerText();
    adjustClaim(BOB, 'SOL', 1000n);
    await claim.acknowledge();
    await expect(claim.acknowledgeAlert).toContainText(
      `Your claim changed since you loaded this page: you saw ${seen}`,
    );
    await expect(claim.reference).not.toHaveText(seen);
    const current = await claim.reference.innerText();
    await expect(claim.acknowledgeAlert).toContainText(`it is now ${current}`);
    await expect(claim.lineCells('SOL').nth(2)).toContainText('0.079918000');
    await expect(claim.line('SOL')).toContainText('adjusted +0.000001000');
    await expect(claim.confirmation).not.toBeChecked();
    expect(claimRecord(BOB)).toMatchObject({ status: null, acknowledgments: 0, audits: 0 });
  });

  test('acknowledges the version shown once, whatever account a forged argument names', async ({
    page,
    baseURL,
  }) => {
    const claim = new ClaimPage(page);
    await claim.goto();
    const aliceBefore = claimRecord(ALICE_ACCOUNT);
    await page.route('**/claim', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
      const args = JSON.parse(request.postData() ?? '[]') as Record<string, unknown>[];
      return route.continue({
        postData: JSON.stringify([{ ...args[0], accountId: ALICE_ACCOUNT }]),
      });
    });
    await claim.acknowledgeButton.click();
    await expect(
      page.getByText('Tick the box to confirm you have checked every line.'),
    ).toBeVisible();
    expect(claimRecord(BOB).acknowledgments).toBe(0);
    await claim.acknowledge();
    await expect(claim.status).toHaveText('Acknowledged');
    await expect(claim.acknowledgeButton).toHaveCount(0);
    const reference = await claim.reference.innerText();
    await expect(page.getByTestId('acknowledge-note')).toHaveText(
      `You acknowledged claim ${reference}. Nothing else is needed from you.`,
    );
    await expect(claim.timelineStep(`You confirmed claim ${reference}.`)).toContainText(
      'Acknowledged',
    );
    await expect(
      claim.timelineStep('Your claim is waiting for the next payout batch.'),
    ).toHaveAttribute('aria-current', 'step');
    const { version } = await (await page.request.get('/api/claim')).json();
    expect(claimRecord(BOB)).toEqual({
      status: 'acknowledged',
      acknowledgedVersion: version,
      acknowledgments: 1,
      disputes: 0,
      openDisputes: 0,
      audits: 1,
    });
    expect(claimRecord(ALICE_ACCOUNT)).toEqual(aliceBefore);

    const again = await callClaimAction(page.request, baseURL!, 'acknowledgeClaimAction', [
      { version },
    ]);
    expect(again.result).toEqual({ ok: true, data: { reference, replayed: true } });
    expect(claimRecord(BOB)).toMatchObject({ acknowledgments: 1, audits: 1 });
  });
});
