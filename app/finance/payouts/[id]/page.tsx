import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { batchDetail, batchItems, type BatchDetail } from '@/lib/payouts/batch-queries';
import { displayDateTime, displayUnits, displayUsd } from '@/lib/reconciliation/display';
import { StatusBadge } from '../status-badge';
import { ApproveBatch, CancelBatch, ExecuteBatch } from './batch-actions';
import styles from '../../finance.module.css';
import { TableRegion } from '@/app/admin/table-region';

type Params = Promise<{ id: string }>;
type Search = Promise<{ afterAccount?: string; afterAsset?: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Payout batch #${(await params).id}` };
}

function parseId(text: string): number | null {
  return /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : null;
}

function Facts({ batch }: { batch: BatchDetail }) {
  const facts: [string, string | null][] = [
    ['Lines', batch.lineCount.toLocaleString('en-US')],
    ['Filter', batch.assetFilter ?? 'All assets'],
    ['Created', `${displayDateTime(batch.createdAt)} by ${batch.createdByEmail ?? 'unknown'}`],
    [
      'Approved',
      batch.approvedAt && `${displayDateTime(batch.approvedAt)} by ${batch.approvedByEmail}`,
    ],
    [
      'Executed',
      batch.executedAt && `${displayDateTime(batch.executedAt)} by ${batch.executedByEmail}`,
    ],
    ['Reference', batch.reference],
    [
      'Cancelled',
      batch.cancelledAt && `${displayDateTime(batch.cancelledAt)} by ${batch.cancelledByEmail}`,
    ],
    ['Reason for cancelling', batch.cancelReason],
  ];
  return (
    <dl className="facts">
      {facts
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Totals({ batch }: { batch: BatchDetail }) {
  return (
    <TableRegion label="Totals per asset">
      <table>
        <caption className="muted">Per asset</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              USD value
            </th>
          </tr>
        </thead>
        <tbody>
          {batch.totals.map((t) => (
            <tr key={t.asset}>
              <th scope="row">{t.asset}</th>
              <td className="num">{t.lines.toLocaleString('en-US')}</td>
              <td className="num">{displayUnits(t.units, t.decimals)}</td>
              <td className="num">{t.usdValue === null ? 'no price' : displayUsd(t.usdValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  const user = await requirePermission('payouts.read');
  const id = parseId((await params).id);
  const sqlite = getDb().$client;
  const batch = id === null ? null : batchDetail(sqlite, id);
  if (!batch) notFound();
  const search = await searchParams;
  const after =
    search.afterAccount && search.afterAsset
      ? { accountId: search.afterAccount, asset: search.afterAsset }
      : null;
  const items = batchItems(sqlite, batch.id, { after });
  const canWrite = can(user.role, 'payouts.write');
  const live = batch.status === 'pending' || batch.status === 'approved';

  return (
    <>
      <section className="panel">
        <p>
          <Link href="/finance/payouts">← All batches</Link>
        </p>
        <h1>
          Batch #{batch.id} <StatusBadge status={batch.status} />
        </h1>
        <Facts batch={batch} />
        <form method="post" action={`/finance/payouts/${batch.id}/csv`}>
          <button type="submit" className="button secondary">
            Download CSV for the wallet team
          </button>
        </form>
        <Totals batch={batch} />
      </section>

      {canWrite && live && (
        <section className="panel" aria-label="Batch steps">
          <div className={styles.columns}>
            {batch.status === 'pending' && (
              <ApproveBatch batchId={batch.id} isCreator={batch.createdBy === user.id} />
            )}
            {batch.status === 'approved' && <ExecuteBatch batchId={batch.id} />}
            <CancelBatch batchId={batch.id} />
          </div>
        </section>
      )}

      <section className="panel" aria-labelledby="items-heading">
        <h2 id="items-heading">Lines</h2>
        <TableRegion label="Batch lines">
          <table>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Email</th>
                <th scope="col">Asset</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {items.rows.map((item) => (
                <tr key={`${item.accountId} ${item.asset}`}>
                  <td>
                    <Link
                      href={`/admin/reconciliation/accounts/${encodeURIComponent(item.accountId)}`}
                    >
                      {item.accountId}
                    </Link>
                  </td>
                  <td>{item.email}</td>
                  <td>{item.asset}</td>
                  <td className="num">{displayUnits(item.amountUnits, item.decimals)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p className={styles.pager}>
          {after && <Link href={`/finance/payouts/${batch.id}`}>First lines</Link>}
          {items.next && (
            <Link
              href={`/finance/payouts/${batch.id}?${new URLSearchParams({
                afterAccount: items.next.accountId,
                afterAsset: items.next.asset,
              })}`}
            >
              Next lines
            </Link>
          )}
        </p>
      </section>
    </>
  );
}
