import { getDb } from '@/db/client';
import { BATCH_EXPORTED } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { apiRoute, jsonError } from '@/lib/http/api-route';
import { DOWNLOAD_FORM_BODY } from '@/lib/http/request-guard';
import { batchCsvStream } from '@/lib/payouts/batch-csv';
import { batchDetail } from '@/lib/payouts/batch-queries';

export const dynamic = 'force-dynamic';

/**
 * The batch as CSV for the wallet team. Each download is recorded in the audit trail, so it is
 * a POST (a GET never writes); the session cookie is SameSite=Lax, so another site's form
 * cannot make a signed-in officer's browser send it.
 */
export const POST = apiRoute(
  'payouts.read',
  (request, user) => {
    const match = /\/finance\/payouts\/([1-9][0-9]{0,15})\/csv$/.exec(
      new URL(request.url).pathname,
    );
    const db = getDb();
    const batch = match ? batchDetail(db.$client, Number(match[1])) : null;
    if (!batch) return jsonError('not_found', 'There is no such payout batch.');
    recordAudit(db, BATCH_EXPORTED, {
      actorUserId: user.id,
      actorEmail: user.email,
      subject: `batch:${batch.id}`,
      detail: { status: batch.status, lineCount: batch.lineCount },
    });
    return new Response(batchCsvStream(db.$client, batch), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="payout-batch-${batch.id}-${batch.status}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    });
  },
  { body: DOWNLOAD_FORM_BODY },
);
