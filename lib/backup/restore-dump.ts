import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '@/lib/errors';
import { runPgTool, type PgTools } from './pg-tools';

/** What a file begins with: pg_dump's custom format, or a SQLite database. */
function header(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(16);
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Refuses, before anything is touched, a file that `backup` on PostgreSQL did not write. */
export function requireCustomDump(file: string): void {
  const start = header(file);
  if (start.startsWith('PGDMP')) return;
  const what = start.startsWith('SQLite format 3')
    ? 'it is a SQLite database: restore it with DATABASE_URL=file:…'
    : "backup on PostgreSQL writes pg_dump's custom format (pg_dump --format=custom)";
  throw new AppError('conflict', `${file} is not a PostgreSQL backup: ${what}.`);
}

/**
 * Loads a dump into the empty database `url` names, all of it or none (one transaction): the
 * triggers come after the rows, as pg_dump orders them. Every object belongs to the role that
 * restores, the role the app connects as.
 */
export async function restoreDump(input: { backup: string; url: string; tools?: PgTools }) {
  await runPgTool(
    'pg_restore',
    input.url,
    ['--no-owner', '--single-transaction', '--exit-on-error', input.backup],
    input.tools,
  ).catch((error: AppError) => {
    throw new AppError(
      'conflict',
      `The backup ${input.backup} could not be restored: ${error.message}`,
    );
  });
}
