import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { disputeDetail, type DisputeView } from '@/lib/disputes/dispute-queries';
import { AppError } from '@/lib/errors';
import { formatUnits } from '@/lib/money';
import { displayDateTime, displayUnits } from '@/lib/reconciliation/display';
import { DisputeLines } from '../dispute-lines';
import { AdjustClaimForm, DecideAdjustmentForms, RejectDisputeForm } from './resolve-forms';
import styles from '../../finance.module.css';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Dispute #${(await params).id}` };
}

function load(id: string): DisputeView | null {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return null;
  try {
    return disputeDetail(getDb().$client, Number(id));
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Prefills the new amount with what the claimant expects, when it is a valid amount. */
function adjustable(dispute: DisputeView) {
  return dispute.lines
    .filter((line) => line.decimals !== null)
    .map((line) => ({
      asset: line.asset,
      current: displayUnits(line.claimUnits, line.decimals ?? 0),
      expected: /^[0-9]+(\.[0-9]+)?$/.test(line.expected)
        ? line.expected
        : formatUnits(line.claimUnits, line.decimals ?? 0),
    }));
}

export default async function DisputePage({ params }: { params: Params }) {
  const user = await requirePermission('disputes.resolve');
  const dispute = load((await params).id);
  if (!dispute) notFound();

  return (
    <>
      <section className="panel">
        <p>
          <Link href="/finance/disputes">← All disputes</Link>
        </p>
        <h1>
          Dispute #{dispute.id}{' '}
          <span className={`badge ${dispute.status === 'open' ? 'warn' : 'ok'}`}>
            {dispute.status}
          </span>
        </h1>
        <dl className="facts">
          <div>
            <dt>Account</dt>
            <dd>
              <Link
                href={`/admin/reconciliation/accounts/${encodeURIComponent(dispute.accountId)}`}
              >
                {dispute.accountId}
              </Link>
            </dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{dispute.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Opened</dt>
            <dd>{displayDateTime(dispute.openedAt)}</dd>
          </div>
          {dispute.resolvedAt && (
            <div>
              <dt>Resolved</dt>
              <dd>
                {displayDateTime(dispute.resolvedAt)} by {dispute.resolvedByEmail} (ledger
                transaction {dispute.resolvedTxSeq})
              </dd>
            </div>
          )}
          {dispute.proposedByName && (
            <div>
              <dt>Proposed by</dt>
              <dd>{dispute.proposedByName}</dd>
            </div>
          )}
        </dl>
        <h2>Lines disputed</h2>
        <DisputeLines dispute={dispute} />
        <h2>The claimant&apos;s explanation</h2>
        <p className={styles.explanation}>{dispute.explanation}</p>
        {dispute.references.length > 0 && (
          <>
            <h3>References</h3>
            <ul>
              {dispute.references.map((r) => (
                <li key={r} className="amount">
                  {r}
                </li>
              ))}
            </ul>
          </>
        )}
        {dispute.resolution && (
          <p role="status" className="alert ok">
            {dispute.status === 'adjusted' ? 'Adjusted' : 'Rejected'}: {dispute.resolution}
          </p>
        )}
      </section>
      {dispute.proposal && (
        <section className="panel" aria-labelledby="proposal-heading">
          <h2 id="proposal-heading">Proposed adjustment #{dispute.proposal.id}</h2>
          <p>
            Proposed by {dispute.proposal.proposerEmail} at{' '}
            {displayDateTime(dispute.proposal.proposedAt)}. Nothing changes until a second finance
            user approves it.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Claim now</th>
                <th scope="col">Proposed claim</th>
              </tr>
            </thead>
            <tbody>
              {dispute.proposal.lines.map((line) => {
                const now = dispute.lines.find((l) => l.asset === line.asset);
                return (
                  <tr key={line.asset}>
                    <th scope="row">{line.asset}</th>
                    <td className="amount">
                      {now ? displayUnits(now.claimUnits, now.decimals ?? 0) : '—'}
                    </td>
                    <td className="amount">{line.amount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className={styles.explanation}>Reason for the claimant: {dispute.proposal.reason}</p>
          {dispute.proposal.proposedBy === user.id && (
            <p className="muted">
              You proposed it: another finance user must approve or reject it.
            </p>
          )}
          <DecideAdjustmentForms proposalId={dispute.proposal.id} />
        </section>
      )}
      {dispute.status === 'open' && !dispute.proposal && (
        <section className="panel">
          <div className={styles.columns}>
            <AdjustClaimForm disputeId={dispute.id} lines={adjustable(dispute)} />
            <RejectDisputeForm disputeId={dispute.id} />
          </div>
        </section>
      )}
    </>
  );
}
