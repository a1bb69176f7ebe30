import pg from 'pg';
import { describePostgresUrl } from '@/db/postgres';
import { AppError } from '@/lib/errors';

// What backup and restore do to whole databases on the server DATABASE_URL names. Database names
// come from the URL, so every statement quotes them as identifiers; none is ever spliced in bare.

/** PostgreSQL cuts longer names silently, which would make two names one. */
const MAX_NAME_BYTES = 63;

/** URL parameters that mean the same to node-postgres and libpq, and name no other server. */
const SAFE_PARAMETERS = new Set([
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'application_name',
  'connect_timeout',
]);

/** The database `url` names, as the server spells it. */
export function databaseName(url: string): string {
  const parsed = new URL(url);
  // libpq (pg_dump, pg_restore) reads dbname, host, port and the like from the query too, where
  // node-postgres does not: such a URL would send the tools to another database than the app's.
  const unsafe = [...parsed.searchParams.keys()].filter((key) => !SAFE_PARAMETERS.has(key));
  if (unsafe.length > 0)
    throw new AppError(
      'bad_request',
      `${describePostgresUrl(url)}: backup and restore take no ${unsafe.join(', ')} parameter in DATABASE_URL (only ${[...SAFE_PARAMETERS].join(', ')}).`,
    );
  const path = parsed.pathname.replace(/^\//, '');
  const name = decodeURIComponent(path);
  if (!name) throw new AppError('bad_request', `${describePostgresUrl(url)} names no database.`);
  // The app (node-postgres) leaves %23, %2F and the like encoded; pg_dump (libpq) decodes them.
  if (decodeURI(path) !== name)
    throw new AppError(
      'bad_request',
      `${describePostgresUrl(url)}: a database name with any of ;/?:@&=+$,# cannot be backed up or restored here.`,
    );
  return name;
}

/** `url` with the database `name` in place of its own. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** `name` with `suffix`, refused rather than cut if the server would cut it. */
export function nameBeside(name: string, suffix: string): string {
  const beside = `${name}${suffix}`;
  if (Buffer.byteLength(beside) > MAX_NAME_BYTES)
    throw new AppError(
      'bad_request',
      `The database name ${name} is too long to name ${beside} beside it (at most ${MAX_NAME_BYTES} bytes): use a shorter name.`,
    );
  return beside;
}

export const quoted = (name: string) => pg.escapeIdentifier(name);

/**
 * A client whose connection the server may end while it waits (pg_dump and a verify can take
 * minutes): its next query then fails and is reported; unheard, the error would end the process
 * and leave a scratch database behind.
 */
function heardClient(connectionString: string): pg.Client {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  return client;
}

/**
 * A connection to the server outside the databases being copied or renamed: a database cannot
 * be renamed while anyone, this process included, is connected to it.
 */
export async function connectToServer(url: string, avoid: string[]): Promise<pg.Client> {
  const candidates = ['postgres', 'template1'].filter((name) => !avoid.includes(name));
  let failure: Error | undefined;
  for (const name of candidates) {
    const client = heardClient(withDatabaseName(url, name));
    try {
      await client.connect();
      return client;
    } catch (error) {
      failure = error as Error;
      await client.end().catch(() => {});
    }
  }
  throw new AppError(
    'conflict',
    `Cannot reach the server of ${describePostgresUrl(url)}: ${failure?.message ?? 'no maintenance database'}`,
  );
}

export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ version: string }>(
    "SELECT current_setting('server_version_num') AS version",
  );
  return Math.floor(Number(rows[0]!.version) / 10_000);
}

export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

/** A new empty database that sorts text as the app requires (db/postgres.ts serverProblem). */
export async function createDatabase(
  client: pg.Client,
  name: string,
  comment?: string,
): Promise<void> {
  await client.query(
    `CREATE DATABASE ${quoted(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  if (comment)
    await client.query(`COMMENT ON DATABASE ${quoted(name)} IS ${pg.escapeLiteral(comment)}`);
}

/** The comment on database `name`; null without one, undefined when there is no such database. */
export async function databaseComment(
  client: pg.Client,
  name: string,
): Promise<string | null | undefined> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [name],
  );
  return rows.length === 0 ? undefined : rows[0]!.comment;
}

/**
 * Drops a database this process made for a copy. Not WITH (FORCE): the server waits a few
 * seconds for the sessions this process has just closed to end, and ends no one else's.
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoted(name)}`);
}

/**
 * The sessions other than this one connected to any of `names`, and where. Autovacuum workers
 * are left out: a rename stops them itself.
 */
export async function otherSessions(
  client: pg.Client,
  names: string[],
): Promise<{ sessions: number; databases: string[] }> {
  const { rows } = await client.query<{ name: string; n: number }>(
    `SELECT datname AS name, count(*)::int AS n FROM pg_stat_activity
      WHERE datname = ANY($1) AND pid <> pg_backend_pid() AND backend_type = 'client backend'
      GROUP BY datname ORDER BY datname`,
    [names],
  );
  return {
    sessions: rows.reduce((sum, row) => sum + row.n, 0),
    databases: rows.map((row) => row.name),
  };
}

/**
 * Whether the database at `url` holds any table at all, the app's or anyone else's: only an empty
 * database may be set aside without being told to.
 */
export async function holdsTables(url: string): Promise<boolean> {
  const client = heardClient(url);
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') LIMIT 1`,
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}
