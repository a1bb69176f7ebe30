import { getDb } from '@/db/client';
import { claimStatementCsv, statementFileName } from '@/lib/claims/claim-statement';
import { getClaim } from '@/lib/claims/get-claim';
import { apiRoute, jsonError } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

/** The signed-in claimant's statement as CSV; the account comes from the session only. */
export const GET = apiRoute('claim.own', (_request, user) => {
  const claim = user.accountId ? getClaim(getDb().$client, user.accountId) : null;
  if (!claim)
    return jsonError('not_found', 'Your account is not in the snapshot, so there is no statement.');
  return new Response(claimStatementCsv(claim), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${statementFileName(claim)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
