import type { TimelineStep } from '@/lib/claims/claim-timeline';
import { displayDateTime } from '@/lib/claims/display';
import styles from './claim.module.css';

const MARKS = {
  done: { symbol: '✓', words: 'Done' },
  current: { symbol: '●', words: 'Now' },
  upcoming: { symbol: '○', words: 'Later' },
  skipped: { symbol: '–', words: 'Not needed' },
} as const;

export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{displayDateTime(iso)}</time>;
}

/** Where the claim stands, from the snapshot to the payment. */
export function ClaimTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <ol className={styles.timeline}>
      {steps.map((step) => (
        <li
          key={step.key}
          className={styles[step.state]}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className={styles.marker} aria-hidden="true">
            {MARKS[step.state].symbol}
          </span>
          <div>
            <p className={styles.stepTitle}>
              <span className={styles.visuallyHidden}>{MARKS[step.state].words}: </span>
              {step.title}
              {step.at && (
                <>
                  {' · '}
                  <When iso={step.at} />
                </>
              )}
            </p>
            <p className={styles.stepDetail}>{step.detail}</p>
            {step.payments && step.payments.length > 0 && (
              <ul>
                {step.payments.map((payment, index) => (
                  <li key={`${payment.asset}-${index}`}>
                    <span className="amount">
                      {payment.amount} {payment.asset}
                    </span>
                    {payment.at && (
                      <>
                        {' on '}
                        <When iso={payment.at} />
                      </>
                    )}
                    {payment.reference && (
                      <>
                        , reference <code>{payment.reference}</code>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
