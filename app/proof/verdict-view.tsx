import { formatUnits, groupDigits } from '@/lib/money';
import type { ProofVerdict } from '@/lib/proofs/verify-proof';
import styles from './proof.module.css';

function amountOf(line: ProofVerdict['claim'][number], decimals: Record<string, number>) {
  if (line.amount !== null) return groupDigits(line.amount);
  const places = decimals[line.asset];
  if (line.units === null) return '';
  return places === undefined
    ? `${groupDigits(line.units)} units`
    : groupDigits(formatUnits(BigInt(line.units), places));
}

/** The outcome of a proof check: one sentence, the claim it proves, and every step. */
export function VerdictView({
  verdict,
  decimals,
}: {
  verdict: ProofVerdict;
  decimals: Record<string, number>;
}) {
  return (
    <div className={styles.result} data-testid="proof-verdict">
      {verdict.ok ? (
        <p className={verdict.published === 'latest' ? 'alert ok' : 'alert warn'} role="status">
          {verdict.summary}
        </p>
      ) : (
        <p className="alert error" role="alert">
          Proof refused. {verdict.summary}
        </p>
      )}
      {verdict.ok && verdict.claim.length > 0 && (
        <p>
          {verdict.accountId ? `Account ${verdict.accountId}: ` : 'Your leaf: '}
          {verdict.claim.map((line, index) => (
            <span key={line.asset}>
              {index > 0 && ', '}
              <span className="amount">{amountOf(line, decimals)}</span> {line.asset}
            </span>
          ))}
          .
        </p>
      )}
      <ol className={styles.steps} aria-label="Steps checked">
        {verdict.steps.map((step) => (
          <li key={step.label}>
            <span className={step.ok ? styles.stepOk : styles.stepFailed} aria-hidden="true">
              {step.ok ? '✓' : '✗'}
            </span>
            <span className={styles.detail}>
              <strong>
                {step.label}
                {step.ok ? '' : ' (failed)'}:
              </strong>{' '}
              {step.detail}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
