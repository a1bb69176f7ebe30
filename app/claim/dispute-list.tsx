import type { DisputeView } from '@/lib/claims/load-claim-page';
import { When } from './claim-timeline';
import styles from './claim.module.css';

const STATUS = {
  open: { label: 'Under review', badge: 'warn' },
  adjusted: { label: 'Resolved: claim adjusted', badge: 'ok' },
  rejected: { label: 'Resolved: rejected', badge: 'bad' },
} as const;

/** The claimant's disputes, newest first, with finance's answer once there is one. */
export function DisputeList({ disputes }: { disputes: DisputeView[] }) {
  return (
    <>
      {disputes.map((dispute) => (
        <article
          key={dispute.id}
          className={styles.dispute}
          aria-labelledby={`dispute-${dispute.id}`}
        >
          <h3 id={`dispute-${dispute.id}`}>
            Dispute {dispute.id}{' '}
            <span className={`badge ${STATUS[dispute.status].badge}`}>
              {STATUS[dispute.status].label}
            </span>
          </h3>
          <p className="muted">
            Sent <When iso={dispute.openedAt} /> about claim {dispute.claimReference}.
          </p>
          <ul>
            {dispute.lines.map((line) => (
              <li key={line.asset}>
                {line.asset}: you expect <span className="amount">{line.expected}</span>
              </li>
            ))}
          </ul>
          <p className={styles.explanation}>{dispute.explanation}</p>
          {dispute.references.length > 0 && (
            <p className={styles.explanation}>
              References: {dispute.references.map((reference) => reference).join(', ')}
            </p>
          )}
          {dispute.status === 'open' ? (
            <p className="muted">Finance has not answered yet. Their answer will appear here.</p>
          ) : (
            <div className={styles.answer}>
              <p>
                <strong>Finance&apos;s answer</strong>
                {dispute.resolvedAt && (
                  <>
                    {' · '}
                    <When iso={dispute.resolvedAt} />
                  </>
                )}
              </p>
              <p className={styles.explanation}>{dispute.resolution ?? 'No reason was given.'}</p>
            </div>
          )}
        </article>
      ))}
    </>
  );
}
