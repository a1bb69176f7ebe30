/**
 * assets.csv and prices.csv are small (a few thousand rows), so they are held in memory
 * and checked for duplicates here; the large files only look assets up.
 */
import { FULL_COVERAGE, type Coverage, type Price } from '@/lib/money';
import type { FileReading } from './bundle-walk';
import { MANIFEST_FILE, type Manifest } from './manifest';
import type { Problems } from './problems';
import { readCsv, type ReadCsvOptions } from './csv';
import {
  ASSET_COLUMNS,
  PRICE_COLUMNS,
  validateAssetRow,
  validatePriceRow,
  type AssetRow,
} from './rows';

export const MAX_ASSETS = 100_000;

export interface BundleAsset extends AssetRow {
  /** null: the asset has no price; it is shown as "no price" and left out of USD totals. */
  readonly usdPrice: Price | null;
  readonly coverage: Coverage;
}

export interface AssetRows {
  readonly assets: Map<string, AssetRow>;
  /** Ids of refused asset rows: rows elsewhere naming them are skipped, not reported again. */
  readonly refused: Set<string>;
}

export async function readAssetRows(filePath: string, reading: FileReading): Promise<AssetRows> {
  const file = 'assets.csv';
  const { problems } = reading;
  const assets = new Map<string, AssetRow>();
  const refused = new Set<string>();
  const firstLine = new Map<string, number>();
  for await (const { line, record } of readCsv(
    filePath,
    csvOptions(file, ASSET_COLUMNS, reading),
  )) {
    const result = validateAssetRow(record);
    if (!result.ok) {
      problems.error(file, line, result.error);
      if (refused.size < MAX_ASSETS) refused.add(record.asset ?? '');
    } else if (firstLine.has(result.row.asset)) {
      const first = firstLine.get(result.row.asset);
      problems.error(file, line, `duplicate asset "${result.row.asset}" (first on line ${first})`);
    } else if (assets.size >= MAX_ASSETS) {
      problems.error(file, line, `more than ${MAX_ASSETS} assets`);
      break;
    } else {
      assets.set(result.row.asset, result.row);
      firstLine.set(result.row.asset, line);
    }
  }
  return { assets, refused };
}

/** Prices by asset; an asset with an empty price cell maps to null, one with no row is absent. */
export async function readPriceRows(
  filePath: string,
  { assets, refused }: AssetRows,
  reading: FileReading,
): Promise<Map<string, Price | null>> {
  const file = 'prices.csv';
  const { problems } = reading;
  const prices = new Map<string, Price | null>();
  const firstLine = new Map<string, number>();
  for await (const { line, record } of readCsv(
    filePath,
    csvOptions(file, PRICE_COLUMNS, reading),
  )) {
    if (refused.has(record.asset ?? '')) continue;
    const result = validatePriceRow(record);
    if (!result.ok) {
      problems.error(file, line, result.error);
    } else if (!assets.has(result.row.asset)) {
      problems.error(file, line, `unknown asset "${result.row.asset}"`);
    } else if (firstLine.has(result.row.asset)) {
      const first = firstLine.get(result.row.asset);
      problems.error(
        file,
        line,
        `duplicate price for asset "${result.row.asset}" (first on line ${first})`,
      );
    } else {
      prices.set(result.row.asset, result.row.usdPrice);
      firstLine.set(result.row.asset, line);
    }
  }
  return prices;
}

export function csvOptions(
  file: string,
  columns: { readonly required: readonly string[]; readonly optional: readonly string[] },
  reading: FileReading,
): ReadCsvOptions {
  return { file, required: columns.required, optional: columns.optional, ...reading };
}

/** Joins asset rows with their price and coverage; checks that overrides name known assets. */
export function buildAssetTable(
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
