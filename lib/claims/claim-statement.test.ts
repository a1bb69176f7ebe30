import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { claimFixture } from './claim-fixture';
import { claimStatementCsv, statementFileName } from './claim-statement';
import { claimReference } from './claim-version';
import { getClaim } from './get-claim';

describe("the claimant's statement", () => {
  it('names the program, snapshot time and version on every exact line', async () => {
    const { $client: sqlite } = await claimFixture();
    const claim = getClaim(sqlite, 'acct-a')!;
    const rows = parse(claimStatementCsv(claim), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.asset)).toEqual(['BTC', 'DOGE', 'ETH', 'NOPR']);
    for (const row of rows) {
      expect(row).toMatchObject({
        program: 'Exchange "Recovery", 2025',
        snapshot_at: '2025-03-14T23:59:59Z',
        account_id: 'acct-a',
        claim_version: claim.version,
        claim_reference: claimReference(claim.version),
        status: 'open',
      });
    }
    expect(rows[2]).toMatchObject({
      decimals: '18',
      snapshot_balance: '123456789012.123456789012345678',
      claim: '123456789012.123456789012345678',
      usd_price: '3456.78',
      usd_value: '426762959121328.12',
    });
    expect(rows[3]).toMatchObject({
      usd_price: '',
      usd_value: '',
      usd_value_exact: '',
      claim: '5.000000',
    });
    expect(statementFileName(claim)).toBe(`makewhole-claim-${claimReference(claim.version)}.csv`);
  });
});
