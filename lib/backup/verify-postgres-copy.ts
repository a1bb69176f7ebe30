import { postgresDatabase } from '@/db/database';
import { openPostgres } from '@/db/postgres';
import type { VerifyResult } from '@/lib/ledger/verify';
import { verifyDatabase } from '@/lib/ledger/verify-database';

/**
 * Verifies the ledger of the PostgreSQL database at `url` as it stands, without migrating it:
 * the check every backup's copy and every restore passes before it counts.
 */
export async function verifyPostgresCopy(url: string): Promise<VerifyResult> {
  const db = await openPostgres(url, { migrate: false, max: 2 });
  const reader = await openPostgres(url, { migrate: false, readOnly: true, max: 2 }).catch(
    async (error: Error) => {
      await db.$client.end();
      throw error;
    },
  );
  const database = postgresDatabase(db, reader);
  try {
    return await verifyDatabase(database);
  } finally {
    await database.close();
  }
}
