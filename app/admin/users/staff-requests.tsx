'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { StaffChangeInput, StaffDecisionInput } from '@/lib/users/staff-request-schema';
import { decideStaffRequestAction, requestStaffChangeAction } from './actions';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** A button that records a request, or a decision, and says what became of it. */
function ActionButton({
  label,
  run,
  done,
  className = 'button secondary',
}: {
  label: string;
  run: () => Promise<{ ok: true } | { ok: false; error: string }>;
  done: string;
  className?: string;
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await run();
            setOutcome(
              result.ok ? { kind: 'ok', text: done } : { kind: 'error', text: result.error },
            );
            router.refresh();
          })
        }
      >
        {label}
      </button>
      {outcome && (
        <span
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          className={`alert ${outcome.kind}`}
        >
          {outcome.text}
        </span>
      )}
    </>
  );
}

export function RequestChange({ label, input }: { label: string; input: StaffChangeInput }) {
  return (
    <ActionButton
      label={label}
      run={() => requestStaffChangeAction(input)}
      done="Requested: a different admin must approve it."
    />
  );
}

export function DecideRequest({ requestId }: { requestId: number }) {
  const decide = (decision: StaffDecisionInput['decision']) => () =>
    decideStaffRequestAction({ requestId, decision });
  return (
    <div role="group" aria-label={`Decide request #${requestId}`}>
      <ActionButton
        label="Approve request"
        className="button"
        run={decide('approve')}
        done="Approved."
      />{' '}
      <ActionButton label="Reject request" run={decide('reject')} done="Rejected." />
    </div>
  );
}
