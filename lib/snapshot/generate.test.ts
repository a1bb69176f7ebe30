import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUnits } from '@/lib/money';
import { generateBundle } from './generate';
import { readBundle, type BundleReading } from './read-bundle';
import type { BalanceRow } from './rows';

let root = '';
let reading: BundleReading;
const balances: BalanceRow[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'makewhole-generate-'));
  await generateBundle({ accounts: 1000, seed: 'demo', outDir: join(root, 'thousand') });
  reading = await readBundle(join(root, 'thousand'), {
    onBalance: (row) => void balances.push(row),
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function hashesOf(name: string, accounts: number, seed: string | number) {
  const outDir = join(root, name);
  await generateBundle({ accounts, seed, outDir });
  const { files } = await readBundle(outDir);
  return Object.fromEntries(Object.entries(files).map(([file, record]) => [file, record?.sha256]));
}

function linesPerAccount(): Map<string, BalanceRow[]> {
  const byAccount = new Map<string, BalanceRow[]>();
  for (const row of balances)
    byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  return byAccount;
}

describe('generateBundle', () => {
  it('writes byte-identical files for the same seed', async () => {
    expect(await hashesOf('same-a', 300, 7)).toEqual(await hashesOf('same-b', 300, 7));
  });

  it('writes different balances for a different seed', async () => {
    const first = await hashesOf('seed-1', 300, 1);
    const second = await hashesOf('seed-2', 300, 2);
    expect(second['balances.csv']).not.toBe(first['balances.csv']);
    expect(second['assets.csv']).not.toBe(first['assets.csv']);
  });

  it('writes a bundle that reads back without errors', () => {
    expect(reading.problems.errorMessages).toEqual([]);
    expect(reading.ok).toBe(true);
    expect(reading.files['accounts.csv']?.rows).toBe(1000);
  });

  it('uses 737 assets on 211 chains, every chain at least once', () => {
    const chains = new Set([...reading.assets.values()].flatMap((asset) => asset.chains));
    expect(reading.assets.size).toBe(737);
    expect(chains.size).toBe(211);
    expect([...chains].sort()[0]).toBe('chain-001');
    expect([...chains].sort().at(-1)).toBe('chain-211');
    for (const asset of reading.assets.values())
      expect(asset.chains.length).toBeGreaterThanOrEqual(1);
    for (const asset of reading.assets.values()) expect(asset.chains.length).toBeLessThanOrEqual(4);
  });

  it('gives assets realistic decimals, mostly the common ones', () => {
    const decimals = [...reading.assets.values()].map((asset) => asset.decimals);
    const common = decimals.filter((d) => [0, 2, 6, 8, 9, 18].includes(d)).length;
    for (const expected of [0, 2, 6, 8, 9, 18, 24, 30]) expect(decimals).toContain(expected);
    expect(common / decimals.length).toBeGreaterThan(0.85);
  });

  it('leaves about 3% of assets without a price and prices the rest from 1e-8 to 1e5 USD', () => {
    const assets = [...reading.assets.values()];
    const unpriced = assets.filter((asset) => asset.usdPrice === null);
    expect(unpriced.length).toBe(22);
    for (const { usdPrice } of assets) {
      if (usdPrice === null) continue;
      const unit = 10n ** BigInt(usdPrice.scale);
      expect(usdPrice.numerator * 10n ** 8n >= unit).toBe(true);
      expect(usdPrice.numerator <= 100_000n * unit).toBe(true);
    }
  });

  it('averages about five lines per account, with a few whales holding hundreds', () => {
    const byAccount = linesPerAccount();
    const counts = [...byAccount.values()].map((rows) => rows.length);
    const average = balances.length / 1000;
    expect(byAccount.size).toBe(1000);
    expect(average).toBeGreaterThan(4.5);
    expect(average).toBeLessThan(5.5);
    expect(counts.filter((count) => count >= 100).length).toBeGreaterThanOrEqual(1);
    expect(counts.filter((count) => count <= 8).length / counts.length).toBeGreaterThan(0.99);
  });

  it('makes popular assets far more common than the long tail', () => {
    const holders = new Map<string, number>();
    for (const row of balances) holders.set(row.asset, (holders.get(row.asset) ?? 0) + 1);
    const sorted = [...holders.values()].sort((a, b) => b - a);
    expect(sorted[0] ?? 0).toBeGreaterThan(100);
    expect(sorted[Math.floor(sorted.length / 2)] ?? 0).toBeLessThan(20);
  });

  it('gives acct-0000001 a rich claim: six or more assets, an 18-decimal one and a 12-digit balance', () => {
    const rows = linesPerAccount().get('acct-0000001') ?? [];
    const decimalsOf = (asset: string) => reading.assets.get(asset)?.decimals ?? 0;
    const integerDigits = rows.map(
      (row) => formatUnits(row.balanceUnits, decimalsOf(row.asset)).split('.')[0]?.length ?? 0,
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.some((row) => decimalsOf(row.asset) === 18)).toBe(true);
    expect(Math.max(...integerDigits)).toBe(12);
  });

  it('writes the demo manifest with partial coverage for a few assets', () => {
    expect(reading.manifest?.program).toBe('Makewhole demo program');
    expect(reading.manifest?.coverage.text).toBe('1');
    expect([...(reading.manifest?.coverageOverrides.keys() ?? [])].length).toBeGreaterThanOrEqual(
      2,
    );
    expect(reading.assets.get('SHIB')?.coverage.text).toBe('0.85');
  });

  it('writes assets.csv sorted by asset', async () => {
    const text = await readFile(join(root, 'thousand', 'assets.csv'), 'utf8');
    const ids = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '');
    expect(ids).toEqual([...ids].sort());
  });

  it('writes emails and ids in the documented style', async () => {
    const text = await readFile(join(root, 'thousand', 'accounts.csv'), 'utf8');
    expect(text.split('\n')[1]).toMatch(/^acct-0000001,user0000001@example\.test,/);
  });

  it('refuses an account count it cannot write', async () => {
    await expect(
      generateBundle({ accounts: 0, seed: 1, outDir: join(root, 'none') }),
    ).rejects.toThrow(RangeError);
    await expect(
      generateBundle({ accounts: 1.5, seed: 1, outDir: join(root, 'none') }),
    ).rejects.toThrow(RangeError);
  });
});
