import type { Metadata } from 'next';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { BATCH_STATUSES_SHOWN, listBatches, type BatchStatus } from '@/lib/payouts/batch-queries';
import { eligibleSummary } from '@/lib/payouts/eligible-lines';
import { queuedClaimStates } from '@/lib/reconciliation/claim-states';
import { displayDateTime, displayUnits } from '@/lib/reconciliation/display';
import { CreateBatchForm } from './create-batch-form';
import { StatusBadge } from './status-badge';
import styles from '../finance.module.css';
import { TableRegion } from '@/app/admin/table-region';

export const metadata: Metadata = { title: 'Payouts' };

const SHOWN_ASSETS = 25;

type Search = Promise<{ status?: string; before?: string }>;

function parseSearch(search: Awaited<Search>) {
  const status = BATCH_STATUSES_SHOWN.find((s) => s === search.status);
  const before = Number(search.before);
  return { status, before: Number.isSafeInteger(before) && before > 0 ? before : undefined };
}

function StatusTabs({ current }: { current?: BatchStatus }) {
  return (
    <nav className={styles.tabs} aria-label="Batch status">
      {[undefined, ...BATCH_STATUSES_SHOWN].map((status) => (
        <Link
          key={status ?? 'all'}
          href={status ? `/finance/payouts?status=${status}` : '/finance/payouts'}
          aria-current={status === current ? 'page' : undefined}
        >
          {status ? status[0]!.toUpperCase() + status.slice(1) : 'All'}
        </Link>
      ))}
    </nav>
  );
}

export default async function PayoutsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePermission('payouts.read');
  const filter = parseSearch(await searchParams);
  const sqlite = getDb().$client;
  const uncounted = queuedClaimStates(sqlite);
  const waiting = eligibleSummary(sqlite);
  const byLines = [...waiting].sort((a, b) => b.lines - a.lines || (a.asset < b.asset ? -1 : 1));
  const lineCount = waiting.reduce((n, w) => n + w.lines, 0);
  const batches = listBatches(sqlite, filter);

  return (
    <>
      <section className="panel">
        <h1>Payouts</h1>
        <p>
          Batches pay acknowledged, undisputed claims. A batch is approved by a finance user other
          than its creator, then executed with the reference of the payment.
        </p>
        <div className={styles.columns}>
          <div>
            <h2>Waiting for payout</h2>
            {uncounted > 0 && (
              <p className="alert warn">
                {uncounted.toLocaleString('en-US')} claimant responses are not counted here yet; a
                new batch counts and includes them.
              </p>
            )}
            {lineCount === 0 ? (
              <p className="muted">No acknowledged line is waiting for payout.</p>
            ) : (
              <>
                <p>
                  {lineCount.toLocaleString('en-US')} lines in {waiting.length} assets, not yet in a
                  batch.
                </p>
                <TableRegion label="Waiting for payout per asset">
                  <table>
                    <caption className="muted">
                      {waiting.length > SHOWN_ASSETS
                        ? `The ${SHOWN_ASSETS} assets with the most lines`
                        : 'Per asset'}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Asset</th>
                        <th scope="col" className="num">
                          Lines
                        </th>
                        <th scope="col" className="num">
                          Outstanding
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {byLines.slice(0, SHOWN_ASSETS).map((w) => (
                        <tr key={w.asset}>
                          <th scope="row">{w.asset}</th>
                          <td className="num">{w.lines.toLocaleString('en-US')}</td>
                          <td className="num">{displayUnits(w.units, w.decimals)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              </>
            )}
          </div>
          {can(user.role, 'payouts.write') && (
            <CreateBatchForm requestId={randomUUID()} assets={waiting.map((w) => w.asset)} />
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="batches-heading">
        <h2 id="batches-heading">Batches</h2>
        <StatusTabs current={filter.status} />
        {batches.rows.length === 0 ? (
          <p className="muted">No batch yet.</p>
        ) : (
          <TableRegion label="Batches">
            <table>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Lines
                  </th>
                  <th scope="col" className="num">
                    Assets
                  </th>
                  <th scope="col">Created</th>
                  <th scope="col">Approved by</th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {batches.rows.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link href={`/finance/payouts/${b.id}`}>Batch #{b.id}</Link>
                    </th>
                    <td>
                      <StatusBadge status={b.status} />
                    </td>
                    <td className="num">{b.lineCount.toLocaleString('en-US')}</td>
                    <td className="num">{b.assets}</td>
                    <td>
                      {displayDateTime(b.createdAt)}
                      <br />
                      <span className="muted">{b.createdByEmail}</span>
                    </td>
                    <td>{b.approvedByEmail ?? '—'}</td>
                    <td className="amount">{b.reference ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {batches.nextBefore && (
          <p className={styles.pager}>
            <Link
              href={`/finance/payouts?${new URLSearchParams({
                ...(filter.status ? { status: filter.status } : {}),
                before: String(batches.nextBefore),
              })}`}
            >
              Older batches
            </Link>
          </p>
        )}
      </section>
    </>
  );
}
