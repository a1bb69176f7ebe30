import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import {
  ACCOUNT_FILTERS,
  assetAccounts,
  type AccountFilter,
} from '@/lib/reconciliation/asset-accounts';
import { displayDecimal, displayUnits, displayUsd } from '@/lib/reconciliation/display';
import { AMOUNT_COLUMNS, reconciliationTable } from '@/lib/reconciliation/reconciliation-table';
import { COLUMN_LABELS } from '../../reconciliation-table-view';
import styles from '../../../admin.module.css';
import { TableRegion } from '../../../table-region';

type Params = Promise<{ asset: string }>;
type Search = Promise<{ filter?: string; after?: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).asset)} · Reconciliation` };
}

const FILTER_LABELS: Record<AccountFilter, string> = {
  all: 'All accounts',
  acknowledged: 'Acknowledged',
  disputed: 'Disputed',
};

export default async function AssetPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  await requirePermission('reconciliation.read');
  const asset = decodeURIComponent((await params).asset);
  const search = await searchParams;
  const filter = ACCOUNT_FILTERS.find((f) => f === search.filter) ?? 'all';
  const sqlite = getDb().$client;
  const row = reconciliationTable(sqlite).rows.find((r) => r.asset === asset);
  if (!row) notFound();
  const after = search.after && search.after.length <= 64 ? search.after : null;
  const { rows, next } = assetAccounts(sqlite, { asset, filter, after });
  const base = `/admin/reconciliation/assets/${encodeURIComponent(asset)}`;

  return (
    <>
      <section className="panel">
        <p>
          <Link href="/admin/reconciliation">← All assets</Link>
        </p>
        <h1>
          {row.asset} <span className="muted">{row.name}</span>
        </h1>
        <dl className="facts">
          <div>
            <dt>Accounts in the snapshot</dt>
            <dd>{row.accounts.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Decimals</dt>
            <dd>{row.decimals}</dd>
          </div>
          <div>
            <dt>USD price at the snapshot</dt>
            <dd>{row.usdPrice === null ? 'no price' : `$${displayDecimal(row.usdPrice)}`}</dd>
          </div>
          {AMOUNT_COLUMNS.map((column) => (
            <div key={column}>
              <dt>{COLUMN_LABELS[column]}</dt>
              <dd className="amount">
                {displayDecimal(row.amounts[column])}
                {row.usd[column] !== null && (
                  <span className="muted"> ({displayUsd(row.usd[column])})</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        <nav className={styles.tabs} aria-label="Which accounts">
          {ACCOUNT_FILTERS.map((f) => (
            <Link
              key={f}
              href={f === 'all' ? base : `${base}?filter=${f}`}
              aria-current={f === filter ? 'page' : undefined}
            >
              {FILTER_LABELS[f]}
            </Link>
          ))}
        </nav>
        {rows.length === 0 ? (
          <p className="muted">No account here.</p>
        ) : (
          <TableRegion label="Accounts">
            <table>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Claim
                  </th>
                  <th scope="col" className="num">
                    Paid
                  </th>
                  <th scope="col" className="num">
                    Outstanding
                  </th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.accountId}>
                    <th scope="row">
                      <Link
                        href={`/admin/reconciliation/accounts/${encodeURIComponent(r.accountId)}`}
                      >
                        {r.accountId}
                      </Link>
                    </th>
                    <td className="num">{displayUnits(r.claimUnits, row.decimals)}</td>
                    <td className="num">{displayUnits(r.paidUnits, row.decimals)}</td>
                    <td className="num">{displayUnits(r.outstandingUnits, row.decimals)}</td>
                    <td>
                      {r.state ?? (r.outstandingUnits === 0n ? 'paid or nothing owed' : 'open')}
                      {r.inLiveBatch && ' · in a batch'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        <p className={styles.pager}>
          {after && (
            <Link href={filter === 'all' ? base : `${base}?filter=${filter}`}>First page</Link>
          )}
          {next && (
            <Link href={`${base}?${new URLSearchParams({ filter, after: next })}`}>Next page</Link>
          )}
        </p>
      </section>
    </>
  );
}
