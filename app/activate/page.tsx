import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { HOME_BY_ROLE } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';
import { ActivateForm } from './activate-form';
import { NeverAsked } from './never-asked';

export const metadata: Metadata = { title: 'Activate your account' };

export default async function ActivatePage() {
  const user = await currentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  return (
    <section className="panel narrow">
      <h1>Activate your account</h1>
      <p className="muted">
        Enter the address our email was sent to and the code it gives you, then choose a password.
      </p>
      <ActivateForm />
      <p>
        No code, or an expired one? <Link href="/forgot-password">Ask for a new code</Link>.
      </p>
      <NeverAsked />
    </section>
  );
}
