import type Database from 'better-sqlite3';
import { compareExactDecimals } from '@/lib/claims/compare-decimals';
import { formatExact, parseSignedDecimal } from '@/lib/money/decimal';
import { parsePrice, sumExactDecimals } from '@/lib/money';
import { assetTotals, assetUsd } from './asset-totals';
import { queuedClaimStates } from './claim-states';

/**
 * The reconciliation table: per asset, from projections only (a few rows per asset, whatever the
 * number of accounts). Acknowledged and disputed are what is outstanding on claims in that state
 * (acknowledged includes lines already in a batch); in approved batches is what approved, not yet
 * executed batches will pay.
 */
export const AMOUNT_COLUMNS = [
  'snapshot',
  'owed',
  'dust',
  'adjustments',
  'acknowledged',
  'disputed',
  'approved',
  'paid',
  'outstanding',
] as const;

export type AmountColumn = (typeof AMOUNT_COLUMNS)[number];

export const SORT_KEYS = ['asset', 'accounts', ...AMOUNT_COLUMNS] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type ReconciliationRow = {
  asset: string;
  name: string;
  decimals: number;
  usdPrice: string | null;
  accounts: number;
  /** Exact amounts in asset units (plain decimals); dust may have more places than the asset. */
  amounts: Record<AmountColumn, string>;
  /** Exact USD values, or null without a price. */
  usd: Record<AmountColumn, string | null>;
};

function sumsByAsset(rows: { asset: string; units: string }[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const r of rows) sums.set(r.asset, (sums.get(r.asset) ?? 0n) + BigInt(r.units));
  return sums;
}

function claimStateSums(sqlite: Database.Database, status: 'acknowledged' | 'disputed') {
  return sumsByAsset(
    sqlite.prepare('SELECT asset, units FROM claim_state_totals WHERE status = ?').all(status) as {
      asset: string;
      units: string;
    }[],
  );
}

function approvedBatchSums(sqlite: Database.Database) {
  return sumsByAsset(
    sqlite
      .prepare(
        `SELECT t.asset, t.units FROM payout_batch_totals t
         JOIN payout_batches b ON b.id = t.batch_id WHERE b.status = 'approved'`,
      )
      .all() as { asset: string; units: string }[],
  );
}

function dustUsd(dust: string, usdPrice: string | null): string | null {
  if (usdPrice === null) return null;
  const price = parsePrice(usdPrice);
  const d = parseSignedDecimal(dust, 'dust');
  return formatExact(d.value * price.numerator, d.scale + price.scale);
}

export type ReconciliationTable = {
  rows: ReconciliationRow[];
  /**
   * Accounts queued for a recount of their claim state: written behind the claimant steps, which
   * recount their own. A verification run or a new payout batch counts them; a page only reads.
   */
  pendingRecount: number;
};

/** Every asset's row, in asset order. */
export function reconciliationTable(sqlite: Database.Database): ReconciliationTable {
  const pendingRecount = queuedClaimStates(sqlite);
  const acknowledged = claimStateSums(sqlite, 'acknowledged');
  const disputed = claimStateSums(sqlite, 'disputed');
  const approved = approvedBatchSums(sqlite);
  const rows = assetTotals(sqlite).map((t): ReconciliationRow => {
    const units: Record<Exclude<AmountColumn, 'dust'>, bigint> = {
      snapshot: t.snapshotUnits,
      owed: t.owedUnits,
      adjustments: t.adjustmentUnits,
      acknowledged: acknowledged.get(t.asset) ?? 0n,
      disputed: disputed.get(t.asset) ?? 0n,
      approved: approved.get(t.asset) ?? 0n,
      paid: t.paidUnits,
      outstanding: t.outstandingUnits,
    };
    const amounts = { dust: t.dust } as Record<AmountColumn, string>;
    const usd = { dust: dustUsd(t.dust, t.usdPrice) } as Record<AmountColumn, string | null>;
    for (const [column, value] of Object.entries(units) as [AmountColumn, bigint][]) {
      amounts[column] = formatExact(value, t.decimals);
      usd[column] = assetUsd(t, value);
    }
    return {
      asset: t.asset,
      name: t.name,
      decimals: t.decimals,
      usdPrice: t.usdPrice,
      accounts: t.accounts,
      amounts,
      usd,
    };
  });
  return { rows, pendingRecount };
}

/** Exact USD totals per column over the priced assets. */
export function usdTotals(rows: readonly ReconciliationRow[]): Record<AmountColumn, string> {
  return Object.fromEntries(
    AMOUNT_COLUMNS.map((column) => [
      column,
      sumExactDecimals(rows.flatMap((r) => (r.usd[column] === null ? [] : [r.usd[column]]))),
    ]),
  ) as Record<AmountColumn, string>;
}

/** Sorts by asset, account count, or a column's USD value (unpriced assets last) or amount. */
export function sortRows(
  rows: readonly ReconciliationRow[],
  key: SortKey,
  options: { descending: boolean; byUsd: boolean },
): ReconciliationRow[] {
  const direction = options.descending ? -1 : 1;
  const compare = (a: ReconciliationRow, b: ReconciliationRow): number => {
    if (key === 'asset') return direction * (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0);
    if (key === 'accounts') return direction * (a.accounts - b.accounts);
    if (!options.byUsd) return direction * compareExactDecimals(a.amounts[key], b.amounts[key]);
    const [x, y] = [a.usd[key], b.usd[key]];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return direction * compareExactDecimals(x, y);
  };
  return [...rows].sort((a, b) => compare(a, b) || (a.asset < b.asset ? -1 : 1));
}
