/**
 * Walks a snapshot bundle in a fixed order, validating as it streams. Accounts and balances go
 * to the caller's callbacks one row at a time: duplicates among millions of rows are the
 * database's to catch (unique constraints), so memory here stays bounded by the asset count.
 */
import {
  buildAssetTable,
  csvOptions,
  readAssetRows,
  readPriceRows,
  type BundleAsset,
} from './asset-table';
import { BundleWalk, type BundleFileName, type FileReading } from './bundle-walk';
import { readCsvRows, type ReadCsvOptions } from './csv';
import { computeBundleHash, type FileRecord } from './digest';
import type { Manifest } from './manifest';
import { Problems } from './problems';
import {
  ACCOUNT_COLUMNS,
  BALANCE_COLUMNS,
  validateAccountRow,
  validateBalanceRow,
  type AccountRow,
  type BalanceRow,
  type RowResult,
} from './rows';

export { BUNDLE_FILES, type BundleFileName } from './bundle-walk';
export type { BundleAsset } from './asset-table';

export interface ReadBundleOptions {
  /** Called once, before any account or balance, with every asset, its price and coverage. */
  readonly onAssets?: (assets: ReadonlyMap<string, BundleAsset>) => void;
  /** Called for each well-formed row; may return a promise, which is awaited before the next row. */
  readonly onAccount?: (row: AccountRow, line: number) => void | Promise<void>;
  readonly onBalance?: (row: BalanceRow, line: number) => void | Promise<void>;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Pass one in to add the callers' own findings (duplicate accounts…) to the same report. */
  readonly problems?: Problems;
}

export interface BundleReading {
  /** False when any error was found; nothing from this bundle should be stored then. */
  readonly ok: boolean;
  readonly manifest: Manifest | null;
  readonly assets: ReadonlyMap<string, BundleAsset>;
  /** Files that were present, with their SHA-256 and row counts. */
  readonly files: Readonly<Partial<Record<BundleFileName, FileRecord>>>;
  readonly bundleHash: string;
  readonly problems: Problems;
}

export async function readBundle(
  dir: string,
  options: ReadBundleOptions = {},
): Promise<BundleReading> {
  const problems = options.problems ?? new Problems();
  const walk = new BundleWalk(dir, problems, options.onProgress);
  await walk.measure();
  const manifest = await walk.manifest();
  const { assets, refused } = await readAssetTable(walk, manifest);
  options.onAssets?.(assets);
  await walk.csv('accounts.csv', (path, reading) => readAccounts(path, reading, options.onAccount));
  if (assets.size > 0) {
    const balances = { assets, refused, onBalance: options.onBalance };
    await walk.csv('balances.csv', (path, reading) => readBalances(path, reading, balances));
  } else {
    walk.skip('balances.csv');
  }
  return {
    ok: !problems.hasErrors,
    manifest: manifest ?? null,
    assets,
    files: walk.files,
    bundleHash: computeBundleHash(walk.files),
    problems,
  };
}

interface AssetTable {
  readonly assets: Map<string, BundleAsset>;
  readonly refused: ReadonlySet<string>;
}

/** assets.csv and prices.csv joined with the manifest's coverage; empty when assets.csv is unusable. */
async function readAssetTable(
  walk: BundleWalk,
  manifest: Manifest | undefined,
): Promise<AssetTable> {
  const errorsBefore = walk.problems.errorCount;
  const rows = await walk.csv('assets.csv', (path, reading) => readAssetRows(path, reading));
  if (rows === undefined || rows.assets.size === 0) {
    // Only an empty but well-formed file needs saying; otherwise its own error explains it.
    if (rows !== undefined && walk.problems.errorCount === errorsBefore) {
      walk.problems.error('assets.csv', undefined, 'lists no assets');
    }
    walk.skip('prices.csv');
    return { assets: new Map(), refused: new Set() };
  }
  const prices = await walk.csv('prices.csv', (path, reading) =>
    readPriceRows(path, rows, reading),
  );
  const assets = buildAssetTable(rows.assets, prices ?? new Map(), manifest, walk.problems);
  return { assets, refused: rows.refused };
}

async function readAccounts(
  path: string,
  reading: FileReading,
  onAccount: ReadBundleOptions['onAccount'],
): Promise<void> {
  const options = csvOptions('accounts.csv', ACCOUNT_COLUMNS, reading);
  await streamRows(path, options, validateAccountRow, onAccount);
}

async function readBalances(
  path: string,
  reading: FileReading,
  { assets, refused, onBalance }: AssetTable & Pick<ReadBundleOptions, 'onBalance'>,
): Promise<void> {
  const options = csvOptions('balances.csv', BALANCE_COLUMNS, reading);
  const decimalsOf = (asset: string) => assets.get(asset)?.decimals;
  const validate = (record: Record<string, string>) =>
    // A refused asset row was reported once already; its balances cannot be checked.
    refused.size > 0 && refused.has(record.asset ?? '')
      ? undefined
      : validateBalanceRow(record, decimalsOf);
  await streamRows(path, options, validate, onBalance);
}

/** Validates each row and hands the good ones on; awaits only callbacks that return a promise. */
async function streamRows<T>(
  path: string,
  options: ReadCsvOptions,
  /** undefined: skip the row without a report. */
  validate: (record: Record<string, string>) => RowResult<T> | undefined,
  onRow: ((row: T, line: number) => void | Promise<void>) | undefined,
): Promise<void> {
  for await (const rows of readCsvRows(path, options)) {
    for (const { line, record } of rows) {
      const result = validate(record);
      if (result === undefined) continue;
      if (!result.ok) {
        options.problems.error(options.file, line, result.error);
        continue;
      }
      const outcome = onRow?.(result.row, line);
      if (outcome instanceof Promise) await outcome;
    }
  }
}
