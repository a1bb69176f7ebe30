import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { claimReference } from '@/lib/claims/claim-version';
import { getClaim } from '@/lib/claims/get-claim';
import {
  accountEvents,
  accountLedger,
  accountPayments,
} from '@/lib/reconciliation/account-history';
import { displayDateTime, displayUnits, displayUsd } from '@/lib/reconciliation/display';
import { TableRegion } from '../../../table-region';

type Params = Promise<{ accountId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).accountId)} · Reconciliation` };
}

export default async function AccountPage({ params }: { params: Params }) {
  await requirePermission('reconciliation.read');
  const accountId = decodeURIComponent((await params).accountId);
  const sqlite = getDb().$client;
  const claim = accountId.length <= 64 ? getClaim(sqlite, accountId) : null;
  if (!claim) notFound();
  const decimals = new Map(claim.lines.map((l) => [l.asset, l.decimals]));
  const ledger = accountLedger(sqlite, accountId);
  const events = accountEvents(sqlite, accountId);
  const payments = accountPayments(sqlite, accountId);
  const units = (asset: string, value: bigint) => displayUnits(value, decimals.get(asset) ?? 0);

  return (
    <>
      <section className="panel">
        <p>
          <Link href="/admin/reconciliation">← Reconciliation</Link>
        </p>
        <h1>Account {accountId}</h1>
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>{claim.status}</dd>
          </div>
          <div>
            <dt>Claim version</dt>
            <dd>{claimReference(claim.version)}</dd>
          </div>
          <div>
            <dt>Acknowledged version</dt>
            <dd>{claim.acknowledgedVersion ? claimReference(claim.acknowledgedVersion) : '—'}</dd>
          </div>
          <div>
            <dt>Claim value</dt>
            <dd>{displayUsd(claim.usdTotal)}</dd>
          </div>
        </dl>
        <TableRegion label="Claim lines">
          <table>
            <caption className="muted">Claim lines</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col" className="num">
                  Snapshot balance
                </th>
                <th scope="col" className="num">
                  Claim
                </th>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Outstanding
                </th>
              </tr>
            </thead>
            <tbody>
              {claim.lines.map((l) => (
                <tr key={l.asset}>
                  <th scope="row">
                    <Link href={`/admin/reconciliation/assets/${encodeURIComponent(l.asset)}`}>
                      {l.asset}
                    </Link>
                  </th>
                  <td className="num">{units(l.asset, l.snapshotBalanceUnits)}</td>
                  <td className="num">{units(l.asset, l.claimUnits)}</td>
                  <td className="num">{units(l.asset, l.paidUnits)}</td>
                  <td className="num">{units(l.asset, l.outstandingUnits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section className="panel" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Ledger history</h2>
        <TableRegion label="Ledger history">
          <table>
            <thead>
              <tr>
                <th scope="col">Transaction</th>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">By</th>
                <th scope="col">Ledger account</th>
                <th scope="col">Asset</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((e) => (
                <tr key={`${e.seq} ${e.account} ${e.asset}`}>
                  <td className="num">{e.seq}</td>
                  <td>{displayDateTime(e.at)}</td>
                  <td>{e.kind}</td>
                  <td>{e.actorName}</td>
                  <td>{e.account}</td>
                  <td>{e.asset}</td>
                  <td className="num">{units(e.asset, e.amountUnits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section className="panel" aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payout batches</h2>
        {payments.length === 0 ? (
          <p className="muted">This account has been in no payout batch.</p>
        ) : (
          <ul>
            {payments.map((p) => (
              <li key={`${p.batchId} ${p.asset}`}>
                <Link href={`/finance/payouts/${p.batchId}`}>Batch #{p.batchId}</Link> ({p.status}):{' '}
                <span className="amount">{units(p.asset, p.amountUnits)}</span> {p.asset}
                {p.reference && ` — reference ${p.reference}`}
                {p.executedAt && `, ${displayDateTime(p.executedAt)}`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="events-heading">
        <h2 id="events-heading">Responses and resolutions</h2>
        {events.length === 0 ? (
          <p className="muted">No acknowledgment, dispute or resolution yet.</p>
        ) : (
          <ul>
            {events.map((e, i) => (
              <li key={i}>
                {displayDateTime(e.at)} — {e.action} by {e.actorEmail ?? 'system'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
