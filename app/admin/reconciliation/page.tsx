import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Reconciliation' };

export default async function ReconciliationPage() {
  await requirePermission('reconciliation.read');
  return (
    <section className="panel">
      <h1>Reconciliation</h1>
    </section>
  );
}
