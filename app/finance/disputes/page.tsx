import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Disputes' };

export default async function DisputesPage() {
  await requirePermission('disputes.resolve');
  return (
    <section className="panel">
      <h1>Disputes</h1>
    </section>
  );
}
