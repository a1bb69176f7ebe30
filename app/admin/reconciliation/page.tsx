import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { missingTriggers } from '@/db/triggers';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { jobSummary } from '@/lib/jobs/job-view';
import { claimSizeDistribution } from '@/lib/reconciliation/claim-size-distribution';
import { latestFullVerification } from '@/lib/reconciliation/full-verification';
import { paidOutstandingHistory } from '@/lib/reconciliation/payout-history';
import {
  reconciliationTable,
  SORT_KEYS,
  sortRows,
  usdTotals,
  type SortKey,
} from '@/lib/reconciliation/reconciliation-table';
import { ClaimSizeChart, PaidOutstandingChart } from './charts';
import { ReconciliationTableView, viewHref, type TableView } from './reconciliation-table-view';
import { VerificationPanel } from './verification-panel';
import styles from '../admin.module.css';

export const metadata: Metadata = { title: 'Reconciliation' };

const PAGE_SIZE = 50;

type Search = Promise<{ sort?: string; dir?: string; unit?: string; page?: string }>;

function parseView(search: Awaited<Search>): TableView {
  const sort = SORT_KEYS.find((k) => k === search.sort) ?? 'asset';
  const page = Number(search.page);
  return {
    sort: sort as SortKey,
    descending: search.dir === 'desc',
    usd: search.unit === 'usd',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

export default async function ReconciliationPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePermission('reconciliation.read');
  const view = parseView(await searchParams);
  const sqlite = getDb().$client;
  const { rows, pendingRecount } = reconciliationTable(sqlite);
  const sorted = sortRows(rows, view.sort, { descending: view.descending, byUsd: view.usd });
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(view.page, pages);
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const sizes = claimSizeDistribution(sqlite, {
    claimLines: rows.reduce((n, r) => n + r.accounts, 0),
  });
  const latestSeq = (sqlite.prepare('SELECT max(seq) FROM ledger_transactions').pluck().get() ??
    0) as number;

  return (
    <>
      <section className="panel">
        <h1>Reconciliation</h1>
        <p>
          What was owed, what was paid and what is outstanding, per asset, from the ledger&apos;s
          projections. Run the full verification to recompute everything from the postings.
        </p>
      </section>
      <VerificationPanel
        run={latestFullVerification(sqlite)}
        latestSeq={latestSeq}
        missingTriggers={missingTriggers(sqlite)}
        canVerify={can(user.role, 'ledger.verify')}
        verification={jobSummary(sqlite, 'verification')}
        publication={can(user.role, 'proof.publish') ? jobSummary(sqlite, 'proof.publish') : null}
      />
      <section className="panel" aria-labelledby="charts-heading">
        <h2 id="charts-heading">At a glance</h2>
        <div className={styles.charts}>
          <PaidOutstandingChart points={paidOutstandingHistory(sqlite)} />
          <ClaimSizeChart buckets={sizes} />
        </div>
      </section>
      <section className="panel" aria-labelledby="assets-heading">
        <h2 id="assets-heading">Per asset</h2>
        {pendingRecount > 0 && (
          <p className="alert warn">
            {pendingRecount.toLocaleString('en-US')} claimant responses are not counted in the
            acknowledged and disputed columns yet; the next run of verification from this page, or a
            new payout batch, counts them.
          </p>
        )}
        <div className={styles.row}>
          <nav className={styles.tabs} aria-label="Show amounts as">
            <Link
              href={viewHref(view, { usd: false })}
              aria-current={!view.usd ? 'true' : undefined}
            >
              Asset amounts
            </Link>
            <Link href={viewHref(view, { usd: true })} aria-current={view.usd ? 'true' : undefined}>
              USD values
            </Link>
          </nav>
          <a href="/admin/reconciliation/csv" download>
            Download CSV
          </a>
        </div>
        <ReconciliationTableView rows={shown} view={{ ...view, page }} totals={usdTotals(rows)} />
        <nav className={styles.pager} aria-label="Pages">
          <span>
            Page {page} of {pages} ({rows.length} assets)
          </span>
          {page > 1 && <Link href={viewHref(view, { page: page - 1 })}>Previous page</Link>}
          {page < pages && <Link href={viewHref(view, { page: page + 1 })}>Next page</Link>}
        </nav>
      </section>
    </>
  );
}
