/**
 * assets.csv and prices.csv are small (a few thousand rows), so they are held in memory
 * and checked for duplicates here; the large files only look assets up.
 */
import type { Price } from '@/lib/money';
import { readCsv, type ReadCsvOptions } from './csv';
import type { Problems } from './problems';
import {
  ASSET_COLUMNS,
  PRICE_COLUMNS,
  validateAssetRow,
  validatePriceRow,
  type AssetRow,
} from './rows';

export const MAX_ASSETS = 100_000;

export interface FileReading {
  readonly problems: Problems;
  readonly onBytes?: (chunk: Buffer) => void;
  readonly stats?: { rows: number };
}

export async function readAssetRows(
  filePath: string,
  reading: FileReading,
): Promise<Map<string, AssetRow>> {
  const file = 'assets.csv';
  const { problems } = reading;
  const assets = new Map<string, AssetRow>();
  const firstLine = new Map<string, number>();
  for await (const { line, record } of readCsv(
    filePath,
    csvOptions(file, ASSET_COLUMNS, reading),
  )) {
    const result = validateAssetRow(record);
    if (!result.ok) {
      problems.error(file, line, result.error);
    } else if (firstLine.has(result.row.asset)) {
      problems.error(
        file,
        line,
        `duplicate asset "${result.row.asset}" (first on line ${firstLine.get(result.row.asset)})`,
      );
    } else if (assets.size >= MAX_ASSETS) {
      problems.error(file, line, `more than ${MAX_ASSETS} assets`);
      break;
    } else {
      assets.set(result.row.asset, result.row);
      firstLine.set(result.row.asset, line);
    }
  }
  return assets;
}

/** Prices by asset; an asset with an empty price cell maps to null, one with no row is absent. */
export async function readPriceRows(
  filePath: string,
  isKnownAsset: (asset: string) => boolean,
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
    const result = validatePriceRow(record);
    if (!result.ok) {
      problems.error(file, line, result.error);
    } else if (!isKnownAsset(result.row.asset)) {
      problems.error(file, line, `unknown asset "${result.row.asset}"`);
    } else if (firstLine.has(result.row.asset)) {
      problems.error(
        file,
        line,
        `duplicate price for asset "${result.row.asset}" (first on line ${firstLine.get(result.row.asset)})`,
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
