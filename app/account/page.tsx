import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { phraseFor } from '@/lib/onboarding/anti-phishing';
import { PhraseForm } from './phrase-form';

export const metadata: Metadata = { title: 'Anti-phishing phrase' };

export default async function AccountPage() {
  const user = await requirePermission('claim.own');
  const phrase = phraseFor(getDb().$client, user.id);
  return (
    <section className="panel narrow">
      <h1>Anti-phishing phrase</h1>
      <p>
        Choose a phrase only you and Makewhole know. We show it at the top of every page once you
        are signed in, and at the top of every email we send you from now on. A page or an email
        that claims to be Makewhole but does not show your phrase is an imitation: do not type
        anything into it.
      </p>
      <p className="muted">Do not use a password, a seed phrase or anything else secret.</p>
      <PhraseForm current={phrase} />
    </section>
  );
}
