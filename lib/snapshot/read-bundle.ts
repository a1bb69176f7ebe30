/**
 * Walks a snapshot bundle in a fixed order, validating as it streams. Accounts and balances go
 * to the caller's callbacks one row at a time: duplicates among millions of rows are the
 * database's to catch (unique constraints), so memory here stays bounded by the asset count.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FULL_COVERAGE, type Coverage, type Price } from '@/lib/money';
import { readAssetRows, readPriceRows, csvOptions, type FileReading } from './asset-table';
import { readCsvRows, type ReadCsvOptions } from './csv';
import { computeBundleHash, FileDigest, type FileRecord } from './digest';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest, type Manifest } from './manifest';
import { Problems } from './problems';
import {
  ACCOUNT_COLUMNS,
  BALANCE_COLUMNS,
  validateAccountRow,
  validateBalanceRow,
  type AccountRow,
  type AssetRow,
  type BalanceRow,
  type RowResult,
} from './rows';

export const BUNDLE_FILES = [
  MANIFEST_FILE,
  'assets.csv',
  'prices.csv',
  'accounts.csv',
  'balances.csv',
] as const;
export type BundleFileName = (typeof BUNDLE_FILES)[number];

export interface BundleAsset extends AssetRow {
  /** null: the asset has no price; it is shown as "no price" and left out of USD totals. */
  readonly usdPrice: Price | null;
  readonly coverage: Coverage;
}

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
  const assets = await readAssetTable(walk, manifest);
  options.onAssets?.(assets);
  await walk.csv('accounts.csv', (path, reading) => readAccounts(path, reading, options.onAccount));
  const decimalsOf = (asset: string) => assets.get(asset)?.decimals;
  if (assets.size > 0) {
    await walk.csv('balances.csv', (path, reading) =>
      readBalances(path, reading, decimalsOf, options.onBalance),
    );
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

/** assets.csv and prices.csv joined with the manifest's coverage; empty when assets.csv is unusable. */
async function readAssetTable(
  walk: BundleWalk,
  manifest: Manifest | undefined,
): Promise<Map<string, BundleAsset>> {
  const rows = await walk.csv('assets.csv', (path, reading) => readAssetRows(path, reading));
  if (rows === undefined || rows.size === 0) {
    if (rows !== undefined) walk.problems.error('assets.csv', undefined, 'lists no assets');
    walk.skip('prices.csv');
    return new Map();
  }
  const prices = await walk.csv('prices.csv', (path, reading) =>
    readPriceRows(path, (asset) => rows.has(asset), reading),
  );
  return buildAssetTable(rows, prices ?? new Map(), manifest, walk.problems);
}

/** Knows where the files are, hashes every byte read and reports progress over all of them. */
class BundleWalk {
  readonly files: Partial<Record<BundleFileName, FileRecord>> = {};
  private readonly sizes = new Map<BundleFileName, number>();
  private totalBytes = 0;
  private bytesRead = 0;

  constructor(
    private readonly dir: string,
    readonly problems: Problems,
    private readonly onProgress?: (bytesRead: number, totalBytes: number) => void,
  ) {}

  async measure(): Promise<void> {
    for (const name of BUNDLE_FILES) {
      const size = await stat(join(this.dir, name)).then(
        (info) => (info.isFile() ? info.size : undefined),
        () => undefined,
      );
      if (size === undefined) continue;
      this.sizes.set(name, size);
      this.totalBytes += size;
    }
  }

  async manifest(): Promise<Manifest | undefined> {
    const size = this.present(MANIFEST_FILE);
    if (size === undefined) return undefined;
    if (size > MAX_MANIFEST_BYTES) {
      this.problems.error(MANIFEST_FILE, undefined, `is larger than ${MAX_MANIFEST_BYTES} bytes`);
      return undefined;
    }
    const bytes = await readFile(join(this.dir, MANIFEST_FILE));
    const digest = new FileDigest();
    this.track(digest, bytes);
    this.files[MANIFEST_FILE] = digest.finish();
    return parseManifest(bytes, this.problems);
  }

  async csv<T>(
    name: BundleFileName,
    read: (path: string, reading: FileReading) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.present(name) === undefined) return undefined;
    const digest = new FileDigest();
    const reading = {
      problems: this.problems,
      stats: digest.stats,
      onBytes: (chunk: Buffer) => this.track(digest, chunk),
    };
    const result = await read(join(this.dir, name), reading);
    this.files[name] = digest.finish();
    return result;
  }

  skip(name: BundleFileName): undefined {
    if (this.present(name) !== undefined) {
      this.problems.warn(name, undefined, 'not checked because assets.csv has no usable assets');
    }
    return undefined;
  }

  private present(name: BundleFileName): number | undefined {
    const size = this.sizes.get(name);
    if (size === undefined) this.problems.error(name, undefined, 'file is missing');
    return size;
  }

  private track(digest: FileDigest, chunk: Buffer): void {
    digest.update(chunk);
    this.bytesRead += chunk.length;
    this.onProgress?.(this.bytesRead, this.totalBytes);
  }
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
  decimalsOf: (asset: string) => number | undefined,
  onBalance: ReadBundleOptions['onBalance'],
): Promise<void> {
  const options = csvOptions('balances.csv', BALANCE_COLUMNS, reading);
  await streamRows(path, options, (record) => validateBalanceRow(record, decimalsOf), onBalance);
}

/** Validates each row and hands the good ones on; awaits only callbacks that return a promise. */
async function streamRows<T>(
  path: string,
  options: ReadCsvOptions,
  validate: (record: Record<string, string>) => RowResult<T>,
  onRow: ((row: T, line: number) => void | Promise<void>) | undefined,
): Promise<void> {
  for await (const rows of readCsvRows(path, options)) {
    for (const { line, record } of rows) {
      const result = validate(record);
      if (!result.ok) {
        options.problems.error(options.file, line, result.error);
        continue;
      }
      const outcome = onRow?.(result.row, line);
      if (outcome instanceof Promise) await outcome;
    }
  }
}

function buildAssetTable(
  rows: ReadonlyMap<string, AssetRow>,
  prices: ReadonlyMap<string, Price | null>,
  manifest: Manifest | undefined,
  problems: Problems,
): Map<string, BundleAsset> {
  const overrides = manifest?.coverageOverrides ?? new Map<string, Coverage>();
  for (const asset of overrides.keys()) {
    if (!rows.has(asset))
      problems.error(MANIFEST_FILE, undefined, `coverageOverrides names unknown asset "${asset}"`);
  }
  const table = new Map<string, BundleAsset>();
  for (const [asset, row] of rows) {
    const coverage = overrides.get(asset) ?? manifest?.coverage ?? FULL_COVERAGE;
    table.set(asset, { ...row, usdPrice: prices.get(asset) ?? null, coverage });
  }
  warnUnpriced(table, problems);
  return table;
}

function warnUnpriced(table: ReadonlyMap<string, BundleAsset>, problems: Problems): void {
  const unpriced = [...table.values()]
    .filter((asset) => asset.usdPrice === null)
    .map((asset) => asset.asset);
  if (unpriced.length === 0) return;
  const named = unpriced.slice(0, 10).join(', ') + (unpriced.length > 10 ? ', …' : '');
  problems.warn(
    'prices.csv',
    undefined,
    `${unpriced.length} assets have no price (shown as "no price", left out of USD totals): ${named}`,
  );
}
