import { getDb } from '@/db/client';
import { cachedClaim, claimToJson } from '@/lib/claims/get-claim';
import { apiRoute, jsonError } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

/** The signed-in claimant's own claim (SPEC JSON). Nothing in the request can name an account. */
export const GET = apiRoute('claim.own', (_request, user) => {
  const claim = user.accountId ? cachedClaim(getDb().$client, user.accountId) : null;
  if (!claim)
    return jsonError('not_found', 'Your account is not in the snapshot, so there is no claim.');
  return Response.json(claimToJson(claim), { headers: { 'Cache-Control': 'private, no-store' } });
});
