import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type OpenPostgresOptions, type PgDb } from '@/db/postgres';

/**
 * The server the PostgreSQL tests make their databases on: a role allowed to create databases.
 * `bash scripts/postgres-setup.sh` starts the local server and creates this one.
 */
export const POSTGRES_TEST_URL =
  process.env.POSTGRES_TEST_URL ?? 'postgres://makewhole:makewhole@127.0.0.1:5432/makewhole';

export type TempPostgres = { url: string; db: PgDb; drop(): Promise<void> };

/** A database of its own for one test file, created with the collation the app requires. */
export async function tempPostgres(options: OpenPostgresOptions = {}): Promise<TempPostgres> {
  const name = `mw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  const url = withDatabase(name);
  const db = await openPostgres(url, options);
  return {
    url,
    db,
    async drop() {
      await db.$client.end();
      await dropDatabase(name);
    },
  };
}

/**
 * Drops a test database once its sessions are gone. A pool that was just ended may still have
 * sessions closing on the server (object_in_use): ending them by force would send each a fatal
 * message that a client already ending cannot take, and the test process would fail on it. So
 * the drop waits for them, and forces only sessions that outlive that wait. An autovacuum worker
 * that has just started on the database is not the test role's to end (insufficient_privilege):
 * it is soon done, so that too is tried again.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await onServer(`DROP DATABASE IF EXISTS ${name}${attempt > 40 ? ' WITH (FORCE)' : ''}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '55006' && code !== '42501') || attempt === 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** POSTGRES_TEST_URL with another database name. */
export function withDatabase(name: string): string {
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement as the test role, outside any test database. */
export async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_TEST_URL} (${(error as Error).message}): run \`bash scripts/postgres-setup.sh\`, or set POSTGRES_TEST_URL`,
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
