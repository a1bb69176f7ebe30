import Link from 'next/link';
import { getDb } from '@/db/client';
import type { SessionUser } from '@/lib/auth/authenticate';
import { phraseFor } from '@/lib/onboarding/anti-phishing';
import styles from './account.module.css';

/** In the header of every page after sign-in: the claimant's phrase, or an invitation to set one. */
export function PhishingPhrase({ user }: { user: SessionUser }) {
  if (user.role !== 'claimant') return null;
  const phrase = phraseFor(getDb().$client, user.id);
  return (
    <Link href="/account" className={styles.phrase}>
      {phrase ? (
        <>
          <span className={styles.label}>Your phrase:</span>{' '}
          <span data-testid="anti-phishing-phrase">{phrase}</span>
        </>
      ) : (
        'Set your anti-phishing phrase'
      )}
    </Link>
  );
}
