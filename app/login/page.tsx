import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { HOME_BY_ROLE } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';
import { LoginOptions } from '@/app/activate/login-options';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  const user = await currentUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  return (
    <section className="panel narrow">
      <h1>Sign in</h1>
      <p className="muted">
        Type this site&apos;s address yourself. Makewhole never asks for your seed phrase, wallet
        connection or any fee.
      </p>
      <LoginForm />
      <LoginOptions />
    </section>
  );
}
