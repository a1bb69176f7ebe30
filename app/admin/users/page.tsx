import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requirePermission('users.manage');
  return (
    <section className="panel">
      <h1>Users</h1>
    </section>
  );
}
