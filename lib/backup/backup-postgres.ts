import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { describePostgresUrl } from '@/db/postgres';
import { AppError } from '@/lib/errors';
import type { VerifyResult } from '@/lib/ledger/verify';
import { requirePgTool, runPgTool, type PgTools } from './pg-tools';
import {
  connectToServer,
  createDatabase,
  databaseName,
  dropDatabase,
  nameBeside,
  serverMajor,
  withDatabaseName,
} from './pg-server';
import { restoreDump } from './restore-dump';
import { verifyPostgresCopy } from './verify-postgres-copy';

/**
 * Backs up the database `url` names to `file` with pg_dump's custom format, one consistent
 * snapshot of it taken while the app runs. The backup counts only once a copy restored from
 * it, into a scratch database on the same server, verifies; the scratch database is dropped
 * whatever happens.
 */
export async function backupPostgres(input: {
  url: string;
  file: string;
  tools?: PgTools;
}): Promise<{ verified: VerifyResult }> {
  const { url, file, tools } = input;
  if (existsSync(file))
    throw new AppError('conflict', `${file} already exists; choose a new file.`);
  const name = databaseName(url);
  const scratch = nameBeside(name, `_backup_check_${randomBytes(3).toString('hex')}`);
  const server = await connectToServer(url, [name, scratch]);
  try {
    const major = await serverMajor(server);
    await requirePgTool('pg_dump', major, tools);
    await requirePgTool('pg_restore', major, tools);
    await dumpTo(url, file, tools);
    await createScratch(server, { scratch, url, file });
    let verified: VerifyResult;
    try {
      verified = await checkCopy(file, withDatabaseName(url, scratch), tools);
    } catch (error) {
      // The refusal matters more than a scratch database that could not be dropped.
      await dropDatabase(server, scratch).catch(() => {});
      throw error;
    }
    await dropDatabase(server, scratch);
    return { verified };
  } finally {
    await server.end();
  }
}

async function checkCopy(file: string, scratchUrl: string, tools?: PgTools) {
  await restoreDump({ backup: file, url: scratchUrl, tools });
  const verified = await verifyPostgresCopy(scratchUrl);
  if (!verified.ok)
    throw new AppError(
      'conflict',
      `The backup at ${file} does not verify: ${verified.firstProblem}`,
    );
  return verified;
}

/** pg_dump writes beside `file` and the dump takes its name only once whole. */
async function dumpTo(url: string, file: string, tools?: PgTools): Promise<void> {
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await runPgTool('pg_dump', url, ['--format=custom', `--file=${partial}`], tools).catch(
      (error: AppError) => {
        throw new AppError(
          'conflict',
          `Cannot back up ${describePostgresUrl(url)}: ${error.message}`,
        );
      },
    );
    try {
      linkSync(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new AppError('conflict', `${file} already exists; choose a new file.`);
      throw error;
    }
  } finally {
    rmSync(partial, { force: true });
  }
}

async function createScratch(
  server: pg.Client,
  { scratch, url, file }: { scratch: string; url: string; file: string },
) {
  try {
    await createDatabase(server, scratch);
  } catch (error) {
    throw new AppError(
      'conflict',
      `Cannot check the backup at ${file}: the role of ${describePostgresUrl(url)} needs CREATEDB to make a scratch database (${(error as Error).message}).`,
    );
  }
}
