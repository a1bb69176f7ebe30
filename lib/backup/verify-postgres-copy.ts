import { describePostgresUrl } from '@/db/postgres';
import { AppError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/ledger/verify';

/**
 * Verifies the ledger of the PostgreSQL database at `url` as it stands, without migrating it:
 * the check every backup's copy and every restore pass before they count. Until a verification
 * of PostgreSQL exists, nothing counts: backup and restore refuse rather than claim a check.
 */
export async function verifyPostgresCopy(url: string): Promise<VerifyResult> {
  throw new AppError(
    'internal',
    `This version cannot verify a PostgreSQL database (${describePostgresUrl(url)}) yet, so it neither backs up nor restores one.`,
  );
}
