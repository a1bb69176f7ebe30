import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'My claim' };

export default async function ClaimPage() {
  const user = await requirePermission('claim.own');
  return (
    <section className="panel">
      <h1>My claim</h1>
      <p>Account {user.accountId}</p>
    </section>
  );
}
