'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { runVerificationAction } from './actions';

export function VerifyButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await runVerificationAction({});
            if (!result.ok) setError(result.error);
            router.refresh();
          })
        }
      >
        {pending ? 'Verifying…' : 'Run verification'}
      </button>
    </div>
  );
}
