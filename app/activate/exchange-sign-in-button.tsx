'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { EXCHANGE_PROVIDER_ID } from '@/lib/onboarding/identity-provider-id';

export function ExchangeSignInButton({ name }: { name: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn(EXCHANGE_PROVIDER_ID, { callbackUrl: '/' });
      }}
    >
      Continue to {name}
    </button>
  );
}
