import { describe, expect, it } from 'vitest';
import { adjustClaim, claimFixture } from './claim-fixture';
import { claimLineViews, claimSummary } from './claim-view';
import { getClaim } from './get-claim';

describe('the claim as the claimant reads it', () => {
  it('shows full precision with grouped digits, coverage in percent, cents half-up and "no price"', async () => {
    const { $client: sqlite } = await claimFixture();
    const lines = claimLineViews(getClaim(sqlite, 'acct-a')!);
    const byAsset = Object.fromEntries(lines.map((line) => [line.asset, line]));
    expect(byAsset.ETH).toMatchObject({
      snapshotBalance: '123,456,789,012.123456789012345678',
      claim: '123,456,789,012.123456789012345678',
      coverage: '100%',
      usdPrice: '$3,456.78',
      usdValue: '$426,762,959,121,328.12',
      paid: '0',
      outstanding: '123,456,789,012.123456789012345678',
      adjustment: null,
    });
    expect(byAsset.DOGE).toMatchObject({
      snapshotBalance: '10,000.12345679',
      coverage: '90%',
      claim: '9,000.11111111',
      computedClaim: '9,000.11111111',
      usdValue: '$1,110.61',
    });
    expect(byAsset.NOPR).toMatchObject({ claim: '5.000000', usdPrice: null, usdValue: null });
  });

  it('ranks lines by exact USD value, unpriced last, and marks an adjustment', async () => {
    const { $client: sqlite } = await claimFixture();
    adjustClaim(sqlite, 'acct-a', 'BTC', -3n);
    const lines = claimLineViews(getClaim(sqlite, 'acct-a')!);
    const ranked = [...lines].sort((a, b) => a.valueRank - b.valueRank).map((line) => line.asset);
    expect(ranked).toEqual(['ETH', 'BTC', 'DOGE', 'NOPR']);
    expect(lines.find((line) => line.asset === 'BTC')).toMatchObject({
      computedClaim: '1.23456789',
      claim: '1.23456786',
      adjustment: '-0.00000003',
    });
  });

  it('says plainly when nothing is owed, and counts lines without a price', async () => {
    const { $client: sqlite } = await claimFixture();
    expect(claimSummary(getClaim(sqlite, 'acct-zero')!)).toMatchObject({
      nothingOwed: true,
      usdTotal: '$0.00',
      lineCount: 1,
    });
    expect(claimSummary(getClaim(sqlite, 'acct-a')!)).toMatchObject({
      nothingOwed: false,
      unpricedCount: 1,
      status: 'open',
      reference: expect.stringMatching(/^MW-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/),
    });
  });
});
