import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeBundleHash } from './digest';
import { readBundle, type ReadBundleOptions } from './read-bundle';
import type { AccountRow, BalanceRow } from './rows';
import {
  removeTestBundles,
  withExtraLine,
  withLine,
  writeTestBundle,
  type BundleFiles,
} from './test-bundle';

afterAll(removeTestBundles);

async function read(
  changes: Partial<Record<keyof BundleFiles, string | Buffer | null>>,
  options: ReadBundleOptions = {},
) {
  return readBundle(await writeTestBundle(changes), options);
}

async function collect(changes: Partial<Record<keyof BundleFiles, string | Buffer | null>> = {}) {
  const accounts: Array<[AccountRow, number]> = [];
  const balances: Array<[BalanceRow, number]> = [];
  const reading = await read(changes, {
    onAccount: (row, line) => void accounts.push([row, line]),
    onBalance: (row, line) => void balances.push([row, line]),
  });
  return { reading, accounts, balances };
}

describe('reading a valid bundle', () => {
  it('returns the manifest, the asset table and every row with its line', async () => {
    const { reading, accounts, balances } = await collect();
    expect(reading.problems.errorMessages).toEqual([]);
    expect(reading.ok).toBe(true);
    expect(reading.manifest?.program).toBe('Test program');
    expect(reading.manifest?.snapshotAt).toBe('2024-05-01T00:00:00Z');
    expect(accounts).toEqual([
      [{ accountId: 'acct-1', email: 'one@example.test', displayName: 'Ada' }, 2],
      [{ accountId: 'acct-2', email: 'two@example.test', displayName: null }, 3],
    ]);
    expect(balances).toEqual([
      [{ accountId: 'acct-1', asset: 'BTC', balanceUnits: 150_000_000n }, 2],
      [{ accountId: 'acct-1', asset: 'ETH', balanceUnits: 123456789012123456789012345678n }, 3],
      [{ accountId: 'acct-2', asset: 'DOGE', balanceUnits: 700_000_000n }, 4],
      [{ accountId: 'acct-2', asset: 'CENT', balanceUnits: 5n }, 5],
    ]);
  });

  it('joins assets with their price and coverage', async () => {
    const { reading } = await collect();
    const btc = reading.assets.get('BTC');
    expect(btc).toMatchObject({ name: 'Bitcoin', decimals: 8, chains: ['chain-001'] });
    expect(btc?.usdPrice).toEqual({ numerator: 6701255n, scale: 2, text: '67012.55' });
    expect(btc?.coverage.text).toBe('1');
    expect(reading.assets.get('ETH')?.chains).toEqual(['chain-002', 'chain-003']);
    expect(reading.assets.get('DOGE')?.coverage).toEqual({
      numerator: 85n,
      scale: 2,
      text: '0.85',
    });
    expect(reading.assets.get('DOGE')?.usdPrice).toBeNull();
    expect(reading.assets.get('CENT')?.usdPrice).toBeNull();
  });

  it('flags assets without a price as a warning, not an error', async () => {
    const { reading } = await collect();
    expect(reading.problems.warningMessages).toEqual([
      'prices.csv: 2 assets have no price (shown as "no price", left out of USD totals): DOGE, CENT',
    ]);
  });

  it('records the SHA-256 and row count of every file and one hash over them', async () => {
    const dir = await writeTestBundle();
    const reading = await readBundle(dir);
    for (const name of [
      'manifest.json',
      'assets.csv',
      'prices.csv',
      'accounts.csv',
      'balances.csv',
    ] as const) {
      const expected = createHash('sha256')
        .update(await readFile(join(dir, name)))
        .digest('hex');
      expect(reading.files[name]?.sha256).toBe(expected);
    }
    expect(reading.files['balances.csv']?.rows).toBe(4);
    expect(reading.files['assets.csv']?.rows).toBe(4);
    expect(reading.bundleHash).toBe(
      computeBundleHash(reading.files as Record<string, { sha256: string }>),
    );
    expect(reading.bundleHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the asset table before any account, and awaits asynchronous callbacks in order', async () => {
    const events: string[] = [];
    await read(
      {},
      {
        onAssets: (assets) => void events.push(`assets:${assets.size}`),
        onAccount: async (row) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          events.push(row.accountId);
        },
        onBalance: (row) => void events.push(`${row.accountId}/${row.asset}`),
      },
    );
    expect(events).toEqual([
      'assets:4',
      'acct-1',
      'acct-2',
      'acct-1/BTC',
      'acct-1/ETH',
      'acct-2/DOGE',
      'acct-2/CENT',
    ]);
  });

  it('reports progress up to the total size of the bundle', async () => {
    const progress: Array<[number, number]> = [];
    await read({}, { onProgress: (done, total) => void progress.push([done, total]) });
    const [done, total] = progress.at(-1) ?? [0, 0];
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(400);
  });

  it('reads a bundle with a BOM, CRLF, quoted fields and shuffled columns', async () => {
    const crlf = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
    const { reading, accounts, balances } = await collect({
      'manifest.json': `\uFEFF${JSON.stringify({ snapshotAt: '2024-05-01T00:00:00Z', program: 'P' })}`,
      'assets.csv': crlf([
        'chains,decimals,asset,name',
        '"chain-001|chain-002",8,BTC,"Bitcoin, the ""original"""',
      ]),
      'prices.csv': crlf(['usd_price,asset', '"67012.55",BTC']),
      'accounts.csv': crlf([
        'email,display_name,account_id',
        'one@example.test,"Lovelace, Ada ""Countess""",acct-1',
        'two@example.test,Bo,acct-2',
      ]),
      'balances.csv': crlf(['balance,asset,account_id', '"1.5",BTC,acct-1', '', '2,BTC,"acct-2"']),
    });
    expect(reading.problems.errorMessages).toEqual([]);
    expect(reading.assets.get('BTC')).toMatchObject({
      name: 'Bitcoin, the "original"',
      chains: ['chain-001', 'chain-002'],
    });
    expect(accounts).toEqual([
      [
        { accountId: 'acct-1', email: 'one@example.test', displayName: 'Lovelace, Ada "Countess"' },
        2,
      ],
      [{ accountId: 'acct-2', email: 'two@example.test', displayName: 'Bo' }, 3],
    ]);
    expect(balances.map(([row, line]) => [row.accountId, row.balanceUnits, line])).toEqual([
      ['acct-1', 150_000_000n, 2],
      ['acct-2', 200_000_000n, 4],
    ]);
  });

  it('ignores an unknown column with a warning', async () => {
    const { reading, accounts } = await collect({
      'accounts.csv':
        'account_id,email,note\nacct-1,one@example.test,vip\nacct-2,two@example.test,\n',
    });
    expect(reading.ok).toBe(true);
    expect(reading.problems.warningMessages).toContain(
      'accounts.csv:1: unknown column "note" ignored',
    );
    expect(accounts[0]?.[0]).toEqual({
      accountId: 'acct-1',
      email: 'one@example.test',
      displayName: null,
    });
  });
});

describe('refusing a malformed bundle', () => {
  const cases: Array<[string, Partial<Record<keyof BundleFiles, string | Buffer | null>>, string]> =
    [
      [
        'a balance with more decimals than its asset',
        { 'balances.csv': withLine('balances.csv', 2, 'acct-1,BTC,1.123456789') },
        'balances.csv:2: balance "1.123456789" has 9 decimal places but BTC allows 8',
      ],
      [
        'a negative balance',
        { 'balances.csv': withLine('balances.csv', 3, 'acct-1,ETH,-1') },
        'balances.csv:3: balance "-1" is negative',
      ],
      [
        'a balance in exponent notation',
        { 'balances.csv': withLine('balances.csv', 2, 'acct-1,BTC,1e5') },
        'balances.csv:2: balance "1e5" uses exponent notation; write all the digits',
      ],
      [
        'a balance with a thousands separator',
        { 'balances.csv': withLine('balances.csv', 2, 'acct-1,BTC,"1,000"') },
        `balances.csv:2: balance "1,000" has a thousands separator or decimal comma; use digits and '.' only`,
      ],
      [
        'a NaN balance',
        { 'balances.csv': withLine('balances.csv', 4, 'acct-2,DOGE,NaN') },
        'balances.csv:4: balance "NaN" is not a number',
      ],
      [
        'a balance in full-width digits',
        { 'balances.csv': withLine('balances.csv', 4, 'acct-2,DOGE,１２') },
        'balances.csv:4: balance "１２" uses non-ASCII digits; write 0-9',
      ],
      [
        'an empty balance',
        { 'balances.csv': withLine('balances.csv', 4, 'acct-2,DOGE,') },
        'balances.csv:4: balance is empty',
      ],
      [
        'a balance in an unknown asset',
        { 'balances.csv': withLine('balances.csv', 5, 'acct-2,XYZ,1') },
        'balances.csv:5: unknown asset "XYZ"',
      ],
      [
        'a row with too many fields',
        { 'balances.csv': withLine('balances.csv', 3, 'acct-1,ETH,1,2') },
        'balances.csv:3: expected 3 fields but found 4',
      ],
      [
        'an unterminated quote',
        { 'balances.csv': withLine('balances.csv', 3, 'acct-1,"ETH,1') },
        'balances.csv:3: quoted field is never closed',
      ],
      [
        'a duplicate asset',
        { 'assets.csv': withExtraLine('assets.csv', 'BTC,Bitcoin again,8,chain-009') },
        'assets.csv:6: duplicate asset "BTC" (first on line 2)',
      ],
      [
        'a duplicate price row',
        { 'prices.csv': withExtraLine('prices.csv', 'BTC,1') },
        'prices.csv:5: duplicate price for asset "BTC" (first on line 2)',
      ],
      [
        'a price for an unknown asset',
        { 'prices.csv': withExtraLine('prices.csv', 'XYZ,1') },
        'prices.csv:5: unknown asset "XYZ"',
      ],
      [
        'a negative price',
        { 'prices.csv': withLine('prices.csv', 3, 'ETH,-3') },
        'prices.csv:3: usd_price "-3" is negative',
      ],
      [
        'decimals above 30',
        { 'assets.csv': withLine('assets.csv', 2, 'BTC,Bitcoin,31,chain-001') },
        'assets.csv:2: decimals "31" must be a whole number from 0 to 30',
      ],
      [
        'negative decimals',
        { 'assets.csv': withLine('assets.csv', 2, 'BTC,Bitcoin,-1,chain-001') },
        'assets.csv:2: decimals "-1" must be a whole number from 0 to 30',
      ],
      [
        'fractional decimals',
        { 'assets.csv': withLine('assets.csv', 2, 'BTC,Bitcoin,2.5,chain-001') },
        'assets.csv:2: decimals "2.5" must be a whole number from 0 to 30',
      ],
      [
        'a lower-case asset id',
        { 'assets.csv': withExtraLine('assets.csv', 'usdt,Tether,6,chain-001') },
        'assets.csv:6: asset "usdt" must be 1 to 32 of A-Z 0-9 . _ -',
      ],
      [
        'an empty chain id',
        { 'assets.csv': withLine('assets.csv', 3, 'ETH,Ether,18,chain-002||chain-003') },
        'assets.csv:3: chains "chain-002||chain-003" must be chain ids separated by "|", none empty',
      ],
      [
        'a missing column',
        { 'assets.csv': 'asset,name,chains\nBTC,Bitcoin,chain-001\n' },
        'assets.csv:1: missing column "decimals"',
      ],
      [
        'a bad email',
        { 'accounts.csv': withLine('accounts.csv', 3, 'acct-2,not-an-email,') },
        'accounts.csv:3: email "not-an-email" is not a valid email address',
      ],
      [
        'an account id over 64 characters',
        { 'accounts.csv': withLine('accounts.csv', 2, `${'a'.repeat(65)},one@example.test,`) },
        `accounts.csv:2: account_id "${'a'.repeat(65)}" is longer than 64 characters`,
      ],
      [
        'invalid UTF-8 bytes',
        {
          'accounts.csv': Buffer.concat([
            Buffer.from(
              'account_id,email,display_name\nacct-1,one@example.test,Ada\nacct-2,two@example.test,B',
            ),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('o\n'),
          ]),
        },
        'accounts.csv:3: invalid UTF-8 byte sequence',
      ],
      ['a missing file', { 'accounts.csv': null }, 'accounts.csv: file is missing'],
      [
        'coverage of 0',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00Z',
            coverage: '0',
          }),
        },
        'manifest.json: coverage "0" must be greater than 0 and at most 1',
      ],
      [
        'coverage above 1',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00Z',
            coverage: '1.5',
          }),
        },
        'manifest.json: coverage "1.5" must be greater than 0 and at most 1',
      ],
      [
        'coverage that is not a number',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00Z',
            coverage: 'abc',
          }),
        },
        'manifest.json: coverage "abc" is not a plain decimal number',
      ],
      [
        'a coverage override out of range',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00Z',
            coverageOverrides: { BTC: '2' },
          }),
        },
        'manifest.json: coverageOverrides.BTC "2" must be greater than 0 and at most 1',
      ],
      [
        'a coverage override for an unknown asset',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00Z',
            coverageOverrides: { XYZ: '0.5' },
          }),
        },
        'manifest.json: coverageOverrides names unknown asset "XYZ"',
      ],
      [
        'a manifest that is not JSON',
        { 'manifest.json': '{"program": "P",' },
        'manifest.json: invalid JSON',
      ],
      [
        'a manifest without a program',
        { 'manifest.json': JSON.stringify({ snapshotAt: '2024-05-01T00:00:00Z' }) },
        'manifest.json: program is required',
      ],
      [
        'a snapshot time that is not UTC',
        {
          'manifest.json': JSON.stringify({
            program: 'P',
            snapshotAt: '2024-05-01T00:00:00+02:00',
          }),
        },
        'manifest.json: snapshotAt "2024-05-01T00:00:00+02:00" must be an ISO-8601 UTC time ending in Z, like "2024-05-01T00:00:00Z"',
      ],
    ];

  it.each(cases)('reports %s as one file:line error', async (_name, changes, message) => {
    const reading = await read(changes);
    expect(reading.ok).toBe(false);
    expect(reading.problems.errorCount).toBe(1);
    expect(reading.problems.errorMessages[0]?.startsWith(message)).toBe(true);
  });

  it('shows the first 100 errors then how many more', async () => {
    const bad = Array.from({ length: 150 }, (_, index) => `acct-1,BTC,-${index}`);
    const reading = await read({
      'balances.csv': ['account_id,asset,balance', ...bad, ''].join('\n'),
    });
    const lines = reading.problems.format().split('\n');
    expect(reading.problems.errorCount).toBe(150);
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe('balances.csv:2: balance "-0" is negative');
    expect(lines[99]).toBe('balances.csv:101: balance "-99" is negative');
    expect(lines[100]).toBe('… and 50 more errors');
  });

  it('skips the balances, with a warning, when assets.csv gives no assets', async () => {
    const balances: BalanceRow[] = [];
    const reading = await read(
      { 'assets.csv': 'asset,name,decimals,chains\n' },
      { onBalance: (row) => void balances.push(row) },
    );
    expect(reading.problems.errorMessages).toEqual(['assets.csv: lists no assets']);
    expect(reading.problems.warningMessages).toContain(
      'balances.csv: not checked because assets.csv has no usable assets',
    );
    expect(balances).toEqual([]);
  });
});
