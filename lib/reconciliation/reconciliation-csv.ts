import { csvRecord } from '@/lib/claims/csv';
import { AMOUNT_COLUMNS, usdTotals, type ReconciliationRow } from './reconciliation-table';

const LABELS: Record<(typeof AMOUNT_COLUMNS)[number], string> = {
  snapshot: 'snapshot_total',
  owed: 'owed',
  dust: 'dust',
  adjustments: 'adjustments',
  acknowledged: 'acknowledged',
  disputed: 'disputed',
  approved: 'in_approved_batches',
  paid: 'paid',
  outstanding: 'outstanding',
};

/** Every asset with its exact amounts and exact USD values, then the USD totals. */
export function reconciliationCsv(rows: readonly ReconciliationRow[]): string {
  const header = [
    'asset',
    'name',
    'decimals',
    'usd_price',
    'accounts',
    ...AMOUNT_COLUMNS.map((c) => LABELS[c]),
    ...AMOUNT_COLUMNS.map((c) => `${LABELS[c]}_usd`),
  ];
  const totals = usdTotals(rows);
  return [
    csvRecord(header),
    ...rows.map((r) =>
      csvRecord([
        r.asset,
        r.name,
        r.decimals,
        r.usdPrice,
        r.accounts,
        ...AMOUNT_COLUMNS.map((c) => r.amounts[c]),
        ...AMOUNT_COLUMNS.map((c) => r.usd[c]),
      ]),
    ),
    csvRecord([
      'TOTAL_USD',
      'priced assets',
      null,
      null,
      rows.reduce((n, r) => n + r.accounts, 0),
      ...AMOUNT_COLUMNS.map(() => null),
      ...AMOUNT_COLUMNS.map((c) => totals[c]),
    ]),
  ].join('');
}
