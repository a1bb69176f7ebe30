'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionResult } from '@/lib/http/action';

export type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** How the last step went: a status when it worked, an alert when it was refused. */
export function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <p role={outcome.kind === 'error' ? 'alert' : 'status'} className={`alert ${outcome.kind}`}>
      {outcome.text}
    </p>
  );
}

/** After a step: say how it went, show the server's field errors, refresh the page's data. */
export function useStepOutcome() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  function finish(
    result: ActionResult<unknown>,
    success: string,
    setFieldError: (name: string, message: string) => void,
  ) {
    if (result.ok) {
      setOutcome({ kind: 'ok', text: success });
      router.refresh();
      return;
    }
    setOutcome({ kind: 'error', text: result.error });
    for (const [name, message] of Object.entries(result.fieldErrors ?? {}))
      setFieldError(name, message);
  }
  return { outcome, setOutcome, finish };
}
