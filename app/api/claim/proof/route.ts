import { getDb } from '@/db/client';
import { apiRoute, jsonError } from '@/lib/http/api-route';
import { cachedAccountProof } from '@/lib/proofs/account-proof-cache';

export const dynamic = 'force-dynamic';

const FORMATS = ['makewhole', 'coinex'] as const;

/**
 * The signed-in claimant's inclusion proof, as a download: Makewhole's format, or with
 * `?format=coinex` the JSON the exchange's own verifier reads. The account comes from the
 * session only; the proof holds the account's secret nonce, so it is never cached.
 */
export const GET = apiRoute('claim.own', (request, user) => {
  const query = new URL(request.url).searchParams;
  const requested = query.get('format') ?? 'makewhole';
  const format = FORMATS.find((f) => f === requested);
  if (!format) return jsonError('bad_request', 'format must be makewhole or coinex.');
  const rootParam = query.get('root');
  const rootId = rootParam === null ? undefined : Number(rootParam);
  if (
    rootId !== undefined &&
    !(/^[1-9][0-9]{0,15}$/.test(rootParam ?? '') && Number.isSafeInteger(rootId))
  )
    return jsonError('bad_request', 'root must be the id of a published root.');
  if (!user.accountId)
    return jsonError('not_found', 'Your login is not bound to an account, so there is no proof.');
  const proof = cachedAccountProof(getDb().$client, user.accountId, { rootId });
  const safeId = user.accountId.replace(/[^A-Za-z0-9._-]/g, '_');
  const filename = `makewhole-proof-${safeId}-root${proof.root.id}${format === 'coinex' ? '-coinex' : ''}.json`;
  return new Response(`${JSON.stringify(proof[format], null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
