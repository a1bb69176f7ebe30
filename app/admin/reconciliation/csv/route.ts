import { getDb } from '@/db/client';
import { apiRoute } from '@/lib/http/api-route';
import { reconciliationCsv } from '@/lib/reconciliation/reconciliation-csv';
import { reconciliationTable } from '@/lib/reconciliation/reconciliation-table';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('reconciliation.read', () => {
  const { rows } = reconciliationTable(getDb().$client);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(reconciliationCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="reconciliation-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
