import type { Metadata } from 'next';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Payouts' };

export default async function PayoutsPage() {
  await requirePermission('payouts.read');
  return (
    <section className="panel">
      <h1>Payouts</h1>
    </section>
  );
}
