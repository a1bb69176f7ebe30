import { getDb } from '@/db/client';
import { publicRoots } from '@/lib/proofs/public-root';

export const dynamic = 'force-dynamic';

/**
 * Public: the roots a proof checker compares against (newest first) and the asset decimals to
 * show amounts with. Fetched at check time, so a proof downloaded a moment ago is recognised.
 */
export function GET(): Response {
  const roots = publicRoots(getDb().$client);
  return Response.json(
    { roots: roots?.recent ?? [], decimals: roots?.decimals ?? {} },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
