import Sqlite from 'better-sqlite3';
import type { Database } from '@/db/database';
import { verifyLedger, verifyLedgerInParallel, type VerifyResult } from './verify';
import { verifyPostgres } from './verify-postgres';

export type VerifyDatabaseOptions = {
  /**
   * SQLite: recompute the projections on worker threads beside the chain walk
   * (verifyLedgerInParallel), which load tsx: for the command line and tests only.
   */
  parallel?: boolean;
};

/**
 * Recomputes everything the ledger claims, on either engine, in one snapshot, reading only: the
 * same checks, and for the same data the same problems in the same words.
 */
export async function verifyDatabase(
  database: Database,
  options: VerifyDatabaseOptions = {},
): Promise<VerifyResult> {
  if (database.engine === 'postgres') return verifyPostgres(database);
  const sqlite = new Sqlite(database.file!, { readonly: true });
  try {
    sqlite.pragma('busy_timeout = 10000');
    return options.parallel ? await verifyLedgerInParallel(sqlite) : verifyLedger(sqlite);
  } finally {
    sqlite.close();
  }
}
