import { CHECKS, type FullVerification } from '@/lib/reconciliation/full-verification';
import { displayDateTime } from '@/lib/reconciliation/display';
import type { JobSummary } from '@/lib/jobs/job-view';
import { publishRootAction, runVerificationAction } from './actions';
import { JobButton } from './job-button';
import styles from '../admin.module.css';

function CheckBadge({ ok }: { ok: boolean | null }) {
  if (ok === null) return <span className="badge">not recorded</span>;
  return <span className={`badge ${ok ? 'ok' : 'bad'}`}>{ok ? 'pass' : 'FAIL'}</span>;
}

/** When the full verification last ran, what each check found, and a button to run it now. */
export function VerificationPanel({
  run,
  latestSeq,
  missingTriggers,
  canVerify,
  verification,
  publication,
}: {
  run: FullVerification | null;
  latestSeq: number;
  /** Append-only triggers that should exist and do not: checked on every load, it is cheap. */
  missingTriggers: readonly string[];
  canVerify: boolean;
  verification: JobSummary;
  /** Present for those who may publish a proof root. */
  publication: JobSummary | null;
}) {
  const since = run?.lastSeq === null || !run ? null : latestSeq - run.lastSeq;
  return (
    <section className="panel" aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      {missingTriggers.length > 0 && (
        <p role="alert" className="alert error">
          The database&apos;s append-only protection is missing ({missingTriggers.join(', ')}):
          someone changed the database outside Makewhole. Run the full verification, and restore
          from a backup that verifies.
        </p>
      )}
      {run ? (
        <p role="status" className={`alert ${run.ok ? 'ok' : 'error'}`}>
          Last full verification {displayDateTime(run.at)}: {run.ok ? 'passed' : 'FAILED'} —{' '}
          {run.message}. {run.postings.toLocaleString('en-US')} postings in{' '}
          {run.durationMs.toLocaleString('en-US')} ms.
          {since !== null &&
            (since > 0
              ? ` ${since.toLocaleString('en-US')} ledger transactions were appended since.`
              : ' Nothing was appended since.')}
        </p>
      ) : (
        <p className="alert warn">The full verification has not run yet.</p>
      )}
      <ul className={styles.checks} aria-label="Reconciliation checks">
        {CHECKS.map((check) => (
          <li key={check.name}>
            <CheckBadge ok={run ? run.checks[check.name] : null} />
            <span>{check.label}</span>
            {run?.problems[check.name] && (
              <span className="muted">— {run.problems[check.name]}</span>
            )}
          </li>
        ))}
      </ul>
      {canVerify && (
        <JobButton
          label="Run verification"
          busyLabel="Run verification (running…)"
          job={verification}
          start={runVerificationAction}
        />
      )}
      {publication && (
        <>
          <h3>Proof root</h3>
          <p>
            Publishes the Merkle-sum root of the current claims, so that every claimant&apos;s proof
            includes their adjusted claim. Nothing is published if no claim changed.
          </p>
          <JobButton
            label="Publish proof root"
            busyLabel="Publish proof root (running…)"
            job={publication}
            start={publishRootAction}
          />
        </>
      )}
    </section>
  );
}
