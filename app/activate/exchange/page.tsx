import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { HOME_BY_ROLE } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';
import { identityProviderHost, identityProviderName } from '@/lib/onboarding/identity-provider';
import { ExchangeSignInButton } from '../exchange-sign-in-button';

export const metadata: Metadata = { title: 'Sign in with your exchange' };

/** A stop before leaving for the exchange: where the claimant is going, and what to check there. */
export default async function ExchangeSignInPage() {
  const name = identityProviderName();
  const host = identityProviderHost();
  if (!name || !host) notFound();
  const user = await currentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  return (
    <section className="panel narrow">
      <h1>Sign in with {name}</h1>
      <p>
        You will sign in on {name}&apos;s own site, then come back here to your claim. Before you
        type your exchange password there, check that your browser&apos;s address bar shows{' '}
        <strong>{host}</strong>.
      </p>
      <p className="muted">
        Makewhole never sees your exchange password. If you have no claim, nothing is created.
      </p>
      <ExchangeSignInButton name={name} />
    </section>
  );
}
