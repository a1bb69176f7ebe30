import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { join } from 'node:path';
import pg from 'pg';
import * as schema from './schema-pg';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations', 'pg');

/** The oldest server the migrations and triggers are written for. */
const MINIMUM_SERVER_VERSION = 150000;

// Any app server may start while another migrates: the first to take this lock migrates, the
// others wait for it and then find nothing to do. The number is arbitrary, fixed for the project.
const MIGRATION_LOCK = 7_342_001;

const INT8 = 20;

/**
 * Counts and sequence numbers (bigint) read as numbers, as SQLite gives them, refusing any that
 * a number cannot hold exactly. Amounts are numeric(78,0) and stay decimal strings.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} does not fit a number exactly`);
  return value;
}

// Set for the whole process: drizzle passes its own type parsers on each query, which fall back to
// pg's global ones, not a pool's.
pg.types.setTypeParser(INT8, parseInt8);

/** `postgres://user@host:port/db`, without the password or any parameter, for messages and logs. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  parsed.search = '';
  return parsed.toString().replace(/:@/, '@');
}

/**
 * Why this server cannot hold the ledger, or null. Text must sort byte by byte and lower() fold
 * ASCII only, as on SQLite: proofs, exports and pages come out the same on both engines.
 */
export async function serverProblem(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ version: string; collate: string; ctype: string }>(
    `SELECT current_setting('server_version_num') AS version, datcollate AS collate, datctype AS ctype
       FROM pg_database WHERE datname = current_database()`,
  );
  const row = rows[0];
  if (!row) return 'the current database is not listed in pg_database';
  if (Number(row.version) < MINIMUM_SERVER_VERSION)
    return `PostgreSQL ${row.version} is older than 15`;
  const bytewise = (value: string) => value === 'C' || value === 'POSIX';
  if (!bytewise(row.collate) || !bytewise(row.ctype))
    return `the database sorts text as ${row.collate}/${row.ctype}; create it with TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`;
  return null;
}

export type OpenPostgresOptions = {
  migrate?: boolean;
  max?: number;
  /** Every connection refuses writes (`default_transaction_read_only`). */
  readOnly?: boolean;
};

/** A pool on `url`, checked and (unless told otherwise) migrated. */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: options.readOnly ? '-c default_transaction_read_only=on' : undefined,
  });
  // An idle connection the server ends (a restart, a failover, an administrator) is dropped from
  // the pool and replaced by the next query; unheard, its error would end the process.
  pool.on('error', (error) =>
    console.error(
      `PostgreSQL: an idle connection to ${describePostgresUrl(url)} ended (${error.message}); the next query opens another`,
    ),
  );
  try {
    const problem = await serverProblem(pool);
    if (problem) throw new Error(problem);
    if (options.migrate !== false && !options.readOnly) await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw new Error(`${describePostgresUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return drizzle(pool, { schema });
}

async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
