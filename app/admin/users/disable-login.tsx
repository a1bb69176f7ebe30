'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { disableUserAction } from './actions';

/** Two steps, so a slip of the mouse does not lock someone out. */
export function DisableLogin({ userId, email }: { userId: number; email: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
        Disable login
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Disable ${email}`}>
      {error && (
        <p role="alert" className="alert error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await disableUserAction({ userId });
            if (!result.ok) setError(result.error);
            router.refresh();
          })
        }
      >
        Confirm: disable {email}
      </button>{' '}
      <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </div>
  );
}
