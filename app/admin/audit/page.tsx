import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage() {
  await requirePermission('audit.read');
  return (
    <section className="panel">
      <h1>Audit trail</h1>
    </section>
  );
}
