import Link from 'next/link';
import {
  AMOUNT_COLUMNS,
  type AmountColumn,
  type ReconciliationRow,
  type SortKey,
} from '@/lib/reconciliation/reconciliation-table';
import { displayDecimal, displayUsd } from '@/lib/reconciliation/display';
import styles from '../admin.module.css';
import { TableRegion } from '../table-region';

export const COLUMN_LABELS: Record<AmountColumn, string> = {
  snapshot: 'Snapshot total',
  owed: 'Owed',
  dust: 'Dust',
  adjustments: 'Adjustments',
  acknowledged: 'Acknowledged',
  disputed: 'Disputed',
  approved: 'In approved batches',
  paid: 'Paid',
  outstanding: 'Outstanding',
};

export type TableView = {
  sort: SortKey;
  descending: boolean;
  usd: boolean;
  page: number;
};

export function viewHref(view: TableView, change: Partial<TableView>): string {
  const next = { ...view, ...change };
  const params = new URLSearchParams({
    sort: next.sort,
    dir: next.descending ? 'desc' : 'asc',
    unit: next.usd ? 'usd' : 'asset',
    page: String(next.page),
  });
  return `/admin/reconciliation?${params}`;
}

function SortHeader({
  view,
  sortKey,
  label,
  numeric,
}: {
  view: TableView;
  sortKey: SortKey;
  label: string;
  numeric: boolean;
}) {
  const active = view.sort === sortKey;
  const descending = active ? !view.descending : numeric;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (view.descending ? 'descending' : 'ascending') : undefined}
    >
      <Link
        className={styles.sortLink}
        href={viewHref(view, { sort: sortKey, descending, page: 1 })}
      >
        {label}
        {active ? (view.descending ? ' ↓' : ' ↑') : ''}
      </Link>
    </th>
  );
}

function cell(row: ReconciliationRow, column: AmountColumn, usd: boolean): string {
  if (!usd) return displayDecimal(row.amounts[column]);
  const value = row.usd[column];
  return value === null ? 'no price' : displayUsd(value);
}

export function ReconciliationTableView({
  rows,
  view,
  totals,
}: {
  rows: ReconciliationRow[];
  view: TableView;
  totals: Record<AmountColumn, string>;
}) {
  return (
    <TableRegion label="Reconciliation per asset">
      <table>
        <caption className="muted">
          {view.usd ? 'USD values at the snapshot price' : 'Amounts in each asset'}; acknowledged
          and disputed are what is outstanding on claims in that state.
        </caption>
        <thead>
          <tr>
            <SortHeader view={view} sortKey="asset" label="Asset" numeric={false} />
            <SortHeader view={view} sortKey="accounts" label="Accounts" numeric />
            {AMOUNT_COLUMNS.map((column) => (
              <SortHeader
                key={column}
                view={view}
                sortKey={column}
                label={COLUMN_LABELS[column]}
                numeric
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.asset}>
              <th scope="row">
                <Link href={`/admin/reconciliation/assets/${encodeURIComponent(row.asset)}`}>
                  {row.asset}
                </Link>
              </th>
              <td className="num">{row.accounts.toLocaleString('en-US')}</td>
              {AMOUNT_COLUMNS.map((column) => (
                <td key={column} className="num">
                  {cell(row, column, view.usd)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={styles.totalRow}>
            <th scope="row" colSpan={2}>
              All priced assets (USD)
            </th>
            {AMOUNT_COLUMNS.map((column) => (
              <td key={column} className="num">
                {displayUsd(totals[column])}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}
