import type { ClaimSummary } from '@/lib/claims/claim-view';
import { When } from './claim-timeline';
import styles from './claim.module.css';

const STATUS = {
  open: { label: 'Awaiting your review', badge: 'warn' },
  acknowledged: { label: 'Acknowledged', badge: 'ok' },
  disputed: { label: 'Disputed', badge: 'warn' },
  paid: { label: 'Paid', badge: 'ok' },
} as const;

function nextStep(summary: ClaimSummary): { tone: 'ok' | 'warn'; text: string } {
  if (summary.nothingOwed) {
    return {
      tone: 'ok',
      text: 'Nothing is owed to this account: at the snapshot its balances were zero, or smaller than the smallest unit the program pays. There is nothing to acknowledge and nothing will be paid.',
    };
  }
  switch (summary.status) {
    case 'paid':
      return {
        tone: 'ok',
        text: 'Your claim is paid in full. The payment references are in the timeline below.',
      };
    case 'acknowledged':
      return {
        tone: 'ok',
        text: 'You acknowledged this claim. It will be included in the next payout; nothing else is needed from you.',
      };
    case 'disputed':
      return {
        tone: 'warn',
        text: 'Your dispute is with the finance team and their answer will appear on this page. Your claim is not paid while the dispute is open.',
      };
    case 'open':
      return {
        tone: 'warn',
        text: summary.staleAcknowledgedReference
          ? `Your claim changed after you acknowledged ${summary.staleAcknowledgedReference}. Please check the lines below and acknowledge the new version.`
          : 'Please check every line below. If they are right, acknowledge your claim; if not, dispute it. Your claim is paid only after you acknowledge it.',
      };
  }
}

/** The claim at a glance: status, total, reference and what the claimant should do next. */
export function ClaimOverview({
  summary,
  canRespond,
}: {
  summary: ClaimSummary;
  canRespond: boolean;
}) {
  const status = STATUS[summary.status];
  const next = nextStep(summary);
  return (
    <section className="panel" aria-labelledby="claim-title">
      <h1 id="claim-title">My claim</h1>
      <p className="muted">{summary.program}</p>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge ${status.badge}`} data-testid="claim-status">
              {status.label}
            </span>
          </dd>
        </div>
        <div>
          <dt>Total value at snapshot prices</dt>
          <dd className={styles.total} data-testid="claim-total">
            {summary.usdTotal}
          </dd>
        </div>
        {summary.anyPaid && (
          <div>
            <dt>Still outstanding (USD)</dt>
            <dd>{summary.usdOutstanding}</dd>
          </div>
        )}
        <div>
          <dt>Claim reference</dt>
          <dd data-testid="claim-reference">{summary.reference}</dd>
        </div>
        <div>
          <dt>Snapshot taken</dt>
          <dd>
            <When iso={summary.snapshotAt} />
          </dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd>{summary.accountId}</dd>
        </div>
        <div>
          <dt>Assets</dt>
          <dd>
            {summary.lineCount} {summary.lineCount === 1 ? 'line' : 'lines'}
            {summary.unpricedCount > 0 &&
              `, ${summary.unpricedCount} without a snapshot price (not in the USD total)`}
          </dd>
        </div>
      </dl>
      <p className={`alert ${next.tone} ${styles.nextStep}`} data-testid="next-step">
        {next.text}
        {canRespond && summary.status === 'open' && (
          <>
            {' '}
            <a href="#respond">Acknowledge or dispute</a>
          </>
        )}
      </p>
      <p>
        <a href="/claim/statement.csv" download>
          Download statement (CSV)
        </a>{' '}
        <span className="muted">
          (every line, with the program, the snapshot time and the claim reference)
        </span>
      </p>
    </section>
  );
}
