'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { acknowledgeClaimAction } from './actions';
import styles from './claim.module.css';

type Outcome = { kind: 'ok' | 'error'; text: string };

/** The explicit confirmation, bound to the claim version this page showed. */
export function AcknowledgeForm({ version, reference }: { version: string; reference: string }) {
  const router = useRouter();
  const checkbox = useRef<HTMLInputElement>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [missingConfirmation, setMissingConfirmation] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed) {
      setMissingConfirmation(true);
      checkbox.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await acknowledgeClaimAction({ version });
      if (result.ok) {
        setOutcome({
          kind: 'ok',
          text: `Thank you. Claim ${result.data.reference} is acknowledged.`,
        });
      } else {
        setOutcome({ kind: 'error', text: result.error });
        setConfirmed(false);
      }
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="acknowledge-heading">
      <h3 id="acknowledge-heading">Acknowledge</h3>
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={`alert ${outcome.kind}`}>
          {outcome.text}
        </p>
      )}
      <div className="field">
        <div className={styles.confirm}>
          <input
            ref={checkbox}
            id="acknowledge-confirm"
            type="checkbox"
            checked={confirmed}
            aria-invalid={missingConfirmation}
            aria-describedby={missingConfirmation ? 'acknowledge-confirm-error' : undefined}
            onChange={(event) => {
              setConfirmed(event.target.checked);
              if (event.target.checked) setMissingConfirmation(false);
            }}
          />
          <label htmlFor="acknowledge-confirm">
            I confirm these balances and amounts are correct for my account, as shown in claim{' '}
            {reference}.
          </label>
        </div>
        {missingConfirmation && (
          <p id="acknowledge-confirm-error" className="field-error">
            Tick the box to confirm you have checked every line.
          </p>
        )}
      </div>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={pending}>
          Acknowledge claim
        </button>
        {pending && <span role="status">Recording your acknowledgment…</span>}
      </div>
    </form>
  );
}
