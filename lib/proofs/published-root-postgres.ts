import { sql } from 'drizzle-orm';
import { row, type Database } from '@/db/database';
import { ROOT_PUBLISHED } from '@/lib/ledger/vocabulary';

export type PostgresRootCheck = { ok: boolean; message: string };

/**
 * This version neither publishes nor recomputes proof roots on PostgreSQL. With none there, it
 * says so; a root that is there (restored, or written by hand) it refuses to pass as verified.
 */
export async function checkPublishedRootOnPostgres(database: Database): Promise<PostgresRootCheck> {
  const found = await database.snapshot(async (q) => ({
    roots: await row<{ n: number; newest: number | null }>(
      q,
      sql`SELECT count(*) AS n, max(tx_seq) AS newest FROM proof_roots`,
    ),
    published: await row<{ seq: number }>(
      q,
      sql`SELECT seq FROM ledger_transactions WHERE kind = ${ROOT_PUBLISHED.kind} ORDER BY seq DESC LIMIT 1`,
    ),
  }));
  const rows = found.roots?.n ?? 0;
  if (rows > 0)
    return {
      ok: false,
      message: `proof_roots lists ${rows} published root${rows === 1 ? '' : 's'} (the newest at ledger transaction ${found.roots!.newest}), which this version cannot recompute on PostgreSQL: not verified.`,
    };
  if (found.published)
    return {
      ok: false,
      message: `Ledger transaction ${found.published.seq} published a proof root, which this version cannot recompute on PostgreSQL: not verified.`,
    };
  return { ok: true, message: 'none is published on PostgreSQL yet.' };
}
