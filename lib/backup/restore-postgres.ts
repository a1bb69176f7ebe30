import { existsSync } from 'node:fs';
import type pg from 'pg';
import { describePostgresUrl, openPostgres } from '@/db/postgres';
import { AppError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/ledger/verify';
import { requirePgTool, type PgTools } from './pg-tools';
import {
  connectToServer,
  createDatabase,
  databaseComment,
  databaseExists,
  databaseName,
  dropDatabase,
  holdsTables,
  nameBeside,
  otherSessions,
  quoted,
  serverMajor,
  withDatabaseName,
} from './pg-server';
import { requireCustomDump, restoreDump } from './restore-dump';
import { verifyPostgresCopy } from './verify-postgres-copy';

export type PostgresRestoration = {
  /** The name the database that was in the way now has on the same server, if there was one. */
  setAside: string | null;
  verified: VerifyResult;
};

/** Marks the staging database a restore makes, so that only such a one is ever dropped. */
const STAGING_COMMENT = 'makewhole restore staging: dropped by the next restore';

/** `_replaced_20261126_100000`: UTC, and lowercase so that psql reaches it unquoted. */
const replacedSuffix = (now: Date) =>
  `_replaced_${now.toISOString().slice(0, 19).replace(/-|:/g, '').replace('T', '_')}`;

/**
 * Puts a backup in place of the database `url` names, with the app servers stopped. The backup
 * is restored into `<name>_restoring` and must verify there, before and after migrating (a
 * backup taken by an older version); only then does it take the name, in one transaction with
 * the database it replaces being renamed aside, never dropped. A refusal leaves the target as
 * it was. Nobody may be connected to either: a rename waits for no one, and sessions are not
 * this command's to end.
 */
export async function restorePostgres(input: {
  url: string;
  backup: string;
  replace: boolean;
  now?: Date;
  tools?: PgTools;
}): Promise<PostgresRestoration> {
  const { url, backup } = input;
  if (!existsSync(backup)) throw new AppError('not_found', `There is no backup at ${backup}.`);
  requireCustomDump(backup);
  const name = databaseName(url);
  const staging = nameBeside(name, '_restoring');
  const aside = nameBeside(name, replacedSuffix(input.now ?? new Date()));
  const server = await connectToServer(url, [name, staging]);
  try {
    await requirePgTool('pg_restore', await serverMajor(server), input.tools);
    await refuseOtherSessions(server, [name, staging]);
    const exists = await databaseExists(server, name);
    if (exists && !input.replace && (await holdsTables(url)))
      throw new AppError(
        'conflict',
        `${describePostgresUrl(url)} already holds a database. Stop the app servers, then run again with --replace: the current database will be kept beside it.`,
      );
    // Left by a restore that stopped before its rename, it never held anything live; a database
    // of that name that no restore made is someone else's, and left alone.
    const left = await databaseComment(server, staging);
    if (left !== undefined && left !== STAGING_COMMENT)
      throw new AppError(
        'conflict',
        `A database named ${staging} exists and was not made by a restore: rename or drop it first.`,
      );
    await dropDatabase(server, staging);
    await createDatabase(server, staging, STAGING_COMMENT);
    // On a refusal, the refusal matters more than a staging database that could not be dropped.
    let renamed = false;
    try {
      const verified = await loadAndVerify(withDatabaseName(url, staging), input);
      const setAside = exists ? aside : null;
      await renameIntoPlace(server, { name, staging, setAside });
      renamed = true;
      return { setAside, verified };
    } finally {
      if (!renamed) await dropDatabase(server, staging).catch(() => {});
    }
  } finally {
    await server.end();
  }
}

async function loadAndVerify(
  stagingUrl: string,
  input: { backup: string; tools?: PgTools },
): Promise<VerifyResult> {
  await restoreDump({ backup: input.backup, url: stagingUrl, tools: input.tools });
  const before = await verifyPostgresCopy(stagingUrl);
  if (!before.ok)
    throw new AppError(
      'conflict',
      `The backup ${input.backup} does not verify: ${before.firstProblem}`,
    );
  if (!(await migrate(stagingUrl))) return before;
  const after = await verifyPostgresCopy(stagingUrl);
  if (!after.ok)
    throw new AppError(
      'conflict',
      `The restored database does not verify once migrated: ${after.firstProblem}`,
    );
  return after;
}

/** Migrates the database at `url`; whether there was anything to apply. */
async function migrate(url: string): Promise<boolean> {
  const applied = async (migrateIt: boolean) => {
    const db = await openPostgres(url, { migrate: migrateIt, max: 1 });
    try {
      const { rows } = await db.$client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      return rows[0]!.n;
    } finally {
      await db.$client.end();
    }
  };
  const before = await applied(false);
  return (await applied(true)) !== before;
}

const OBJECT_IN_USE = '55006';

function stopTheServers({ sessions, databases }: { sessions: number; databases: string[] }) {
  const which = databases.map((name) => quoted(name)).join(' and ');
  return new AppError(
    'conflict',
    `${sessions === 1 ? 'Another session is' : `${sessions} other sessions are`} connected to ${which}: stop the app servers first, then run restore again. Nothing was changed.`,
  );
}

async function refuseOtherSessions(server: pg.Client, names: string[]): Promise<void> {
  const others = await otherSessions(server, names);
  if (others.sessions > 0) throw stopTheServers(others);
}

/** Both renames or neither, so that the target name always names one whole database. */
async function renameIntoPlace(
  server: pg.Client,
  names: { name: string; staging: string; setAside: string | null },
): Promise<void> {
  const { name, staging, setAside } = names;
  await server.query('BEGIN');
  try {
    if (setAside)
      await server.query(`ALTER DATABASE ${quoted(name)} RENAME TO ${quoted(setAside)}`);
    await server.query(`ALTER DATABASE ${quoted(staging)} RENAME TO ${quoted(name)}`);
    await server.query('COMMIT');
  } catch (error) {
    await server.query('ROLLBACK');
    if ((error as { code?: string }).code === OBJECT_IN_USE) {
      const others = await otherSessions(server, [name, staging]);
      throw stopTheServers(others.sessions > 0 ? others : { sessions: 1, databases: [name] });
    }
    throw new AppError(
      'conflict',
      `Cannot put the restored database in place of ${quoted(name)}: ${(error as Error).message}. Nothing was changed.`,
    );
  }
}
