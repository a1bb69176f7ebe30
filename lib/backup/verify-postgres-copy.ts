import { openPostgres } from '@/db/postgres';
import { AppError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/ledger/verify';

/**
 * Verifies the ledger of the PostgreSQL database at `url` as it stands, without migrating it:
 * the check every backup's copy and every restore pass before they count.
 */
export async function verifyPostgresCopy(url: string): Promise<VerifyResult> {
  const db = await openPostgres(url, { migrate: false, max: 1 });
  await db.$client.end();
  throw new AppError(
    'internal',
    'This version cannot verify a PostgreSQL database yet, so it neither backs up nor restores one.',
  );
}
