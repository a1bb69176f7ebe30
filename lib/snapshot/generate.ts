/**
 * Writes a deterministic synthetic bundle: the same seed gives byte-identical files.
 * Streams every file, so a million accounts need no more memory than ten.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BufferedWriter } from './buffered-writer';
import { createRandom, type Random } from './prng';
import { ASSET_COUNT, CHAIN_COUNT, generateAssets, type SyntheticAsset } from './synthetic-assets';
import { AssetPicker, generateHoldings, randomBalance, type Holding } from './synthetic-holdings';

export const MAX_GENERATED_ACCOUNTS = 9_999_999;

export interface GenerateOptions {
  readonly accounts: number;
  readonly seed: string | number;
  readonly outDir: string;
}

export interface GeneratedBundle {
  readonly outDir: string;
  readonly accounts: number;
  readonly balanceLines: number;
  readonly assets: number;
  readonly chains: number;
}

const SNAPSHOT_AT = '2025-03-14T23:59:59Z';
const COVERAGE_OVERRIDES = { SHIB: '0.85', DOGE: '0.9', PEPE: '0.75' } as const;
/** The demo claimant's rich claim: an 18-decimal asset, a 12-digit balance, partial coverage, no price. */
const FIRST_ACCOUNT_BALANCES: ReadonlyArray<readonly [asset: string, balance: string]> = [
  ['BTC', '1.23456789'],
  ['ETH', '42.123456789012345678'],
  ['USDT', '15000.5'],
  ['SHIB', '123456789012.123456789012345678'],
  ['DOGE', '10000.12345678'],
  ['NEAR', '3.000000000000000000000001'],
];
const FIRST_NAMES = [
  'Ada',
  'Bo',
  'Chen',
  'Dara',
  'Emeka',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Juno',
  'Kai',
  'Lena',
];
const LAST_NAMES = [
  'Okafor',
  'Silva',
  'Novak',
  'Tanaka',
  'Haddad',
  'Kowalski',
  'Moreau',
  'Singh',
  'Berg',
  'Reyes',
];

export async function generateBundle(options: GenerateOptions): Promise<GeneratedBundle> {
  const { accounts, seed, outDir } = options;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_GENERATED_ACCOUNTS) {
    throw new RangeError(`accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}`);
  }
  await mkdir(outDir, { recursive: true });
  const assets = generateAssets(createRandom(`${seed}:assets`));
  await writeFile(join(outDir, 'manifest.json'), manifestText());
  await writeFile(join(outDir, 'assets.csv'), assetsText(assets));
  await writeFile(join(outDir, 'prices.csv'), pricesText(assets));
  const balanceLines = await writeAccounts(
    outDir,
    accounts,
    assets,
    createRandom(`${seed}:accounts`),
  );
  return { outDir, accounts, balanceLines, assets: ASSET_COUNT, chains: CHAIN_COUNT };
}

function manifestText(): string {
  const manifest = {
    program: 'Makewhole demo program',
    snapshotAt: SNAPSHOT_AT,
    coverage: '1',
    coverageOverrides: COVERAGE_OVERRIDES,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const byAsset = (a: SyntheticAsset, b: SyntheticAsset) =>
  a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;

function assetsText(assets: readonly SyntheticAsset[]): string {
  const rows = [...assets]
    .sort(byAsset)
    .map((a) => `${a.asset},${a.name},${a.decimals},${a.chains.join('|')}\n`);
  return `asset,name,decimals,chains\n${rows.join('')}`;
}

function pricesText(assets: readonly SyntheticAsset[]): string {
  const rows = [...assets]
    .sort(byAsset)
    .filter((a) => a.priceRow)
    .map((a) => `${a.asset},${a.usdPrice ?? ''}\n`);
  return `asset,usd_price\n${rows.join('')}`;
}

async function writeAccounts(
  outDir: string,
  count: number,
  assets: readonly SyntheticAsset[],
  random: Random,
): Promise<number> {
  const accountsOut = new BufferedWriter(join(outDir, 'accounts.csv'));
  const balancesOut = new BufferedWriter(join(outDir, 'balances.csv'));
  accountsOut.write('account_id,email,display_name\n');
  balancesOut.write('account_id,asset,balance\n');
  const picker = new AssetPicker(assets);
  let balanceLines = 0;
  for (let number = 1; number <= count; number += 1) {
    const digits = String(number).padStart(7, '0');
    const holdings =
      number === 1
        ? firstAccountHoldings(assets, random)
        : generateHoldings(random, picker, number);
    const accountFull = accountsOut.write(
      `acct-${digits},user${digits}@example.test,${displayName(random)}\n`,
    );
    const balancesFull = balancesOut.write(
      holdings.map((h) => `acct-${digits},${h.asset.asset},${h.balance}\n`).join(''),
    );
    balanceLines += holdings.length;
    if (accountFull) await accountsOut.flush();
    if (balancesFull) await balancesOut.flush();
  }
  await Promise.all([accountsOut.close(), balancesOut.close()]);
  return balanceLines;
}

function firstAccountHoldings(assets: readonly SyntheticAsset[], random: Random): Holding[] {
  const find = (symbol: string) => assets.find((a) => a.asset === symbol) as SyntheticAsset;
  const holdings = FIRST_ACCOUNT_BALANCES.map(([symbol, balance]) => ({
    asset: find(symbol),
    balance,
  }));
  const unpriced = assets.find((a) => a.usdPrice === null);
  if (unpriced)
    holdings.push({ asset: unpriced, balance: randomBalance(random, unpriced.decimals) });
  return holdings;
}

/** One account in five leaves its display name empty, as real exports do. */
function displayName(random: Random): string {
  if (random.next() < 0.2) return '';
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}
