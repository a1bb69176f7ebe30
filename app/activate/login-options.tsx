import Link from 'next/link';
import { identityProviderName } from '@/lib/onboarding/identity-provider';
import styles from './activate.module.css';

/** Below the sign-in form: the exchange's own sign-in (when configured), resets, activation. */
export function LoginOptions() {
  const exchange = identityProviderName();
  return (
    <>
      {exchange && (
        <p>
          <Link href="/activate/exchange" className={`button secondary ${styles.exchange}`}>
            Sign in with {exchange}
          </Link>
        </p>
      )}
      <p className={styles.links}>
        <Link href="/forgot-password">Forgot password?</Link>
        <Link href="/activate">Activate with a code</Link>
      </p>
    </>
  );
}
