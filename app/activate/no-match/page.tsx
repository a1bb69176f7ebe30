import type { Metadata } from 'next';
import Link from 'next/link';
import { identityProviderName } from '@/lib/onboarding/identity-provider';

export const metadata: Metadata = { title: 'No claim found for this sign-in' };

type Props = { searchParams: Promise<{ reason?: string }> };

/** Where a sign-in with the exchange's identity provider lands when it matches no claim. */
export default async function NoMatchPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const exchange = identityProviderName() ?? 'your exchange';
  return (
    <section className="panel narrow">
      <h1>No claim found for this sign-in</h1>
      {reason === 'refused' ? (
        <p>
          The claim that {exchange} identified you with cannot be opened this way: its login is
          disabled or uses another address. Please contact support.
        </p>
      ) : (
        <p>
          {exchange} signed you in, but the identity it gave us matches no account in the
          compensation snapshot (we match your exchange account id, or your email address if{' '}
          {exchange} has verified it). We have not created an account.
        </p>
      )}
      <ul>
        <li>
          If you received our activation email, <Link href="/activate">activate with its code</Link>
          .
        </li>
        <li>
          If you already chose a password, <Link href="/login">sign in with your email</Link>.
        </li>
        <li>
          Otherwise, <Link href="/forgot-password">ask for a code</Link> at the address your
          exchange account used.
        </li>
      </ul>
    </section>
  );
}
