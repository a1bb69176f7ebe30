import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NeverAsked } from '@/app/activate/never-asked';
import { HOME_BY_ROLE } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata: Metadata = { title: 'Forgot password' };

export default async function ForgotPasswordPage() {
  const user = await currentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  return (
    <section className="panel narrow">
      <h1>Forgot password</h1>
      <p className="muted">
        We will email a one-time code to the address of your claim. The same code activates an
        account that has no password yet.
      </p>
      <ForgotPasswordForm />
      <NeverAsked />
    </section>
  );
}
