import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '@/db/client';
import { AppError } from '@/lib/errors';
import { verifyLedger, type VerifyResult } from '@/lib/ledger/verify';

export type Restoration = {
  /** Where the database that was replaced now lies, if there was one. */
  setAside: string | null;
  verified: VerifyResult;
};

/** The write-ahead log and shared-memory files SQLite keeps beside a database. */
const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

function verifyFile(file: string): VerifyResult {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return verifyLedger(sqlite);
  } finally {
    sqlite.close();
  }
}

/**
 * Puts a backup in place of the database at `target`, with the server stopped. The backup must
 * verify first. A database already at the target is folded together with its write-ahead log
 * and kept beside it, never deleted; stale log files are removed, since SQLite would otherwise
 * replay the old database's log onto the restored one. The copy lands under a temporary name and
 * is renamed into place, so a crash leaves either the old database or the restored one.
 */
export async function restoreDatabase(input: {
  backup: string;
  target: string;
  replace: boolean;
  now?: Date;
}): Promise<Restoration> {
  const { backup, target } = input;
  if (!existsSync(backup)) throw new AppError('not_found', `There is no backup at ${backup}.`);
  const before = verifyFile(backup);
  if (!before.ok) {
    throw new AppError('conflict', `The backup ${backup} does not verify: ${before.firstProblem}`);
  }
  let setAside: string | null = null;
  if (existsSync(target)) {
    if (!input.replace) {
      throw new AppError(
        'conflict',
        `${target} already holds a database. Stop the server, then run again with --replace: ` +
          'the current database will be kept beside it.',
      );
    }
    const current = new Database(target);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    setAside = `${target}.replaced-${(input.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, setAside);
  }
  for (const file of sidecars(target)) rmSync(file, { force: true });

  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  for (const file of [staging, ...sidecars(staging)]) rmSync(file, { force: true });
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  renameSync(staging, target);

  // Opening migrates a backup taken by an older version; then the restored file verifies.
  const restored = openDatabase(target);
  try {
    const verified = verifyLedger(restored.$client);
    if (!verified.ok) {
      throw new AppError(
        'conflict',
        `The restored database does not verify: ${verified.firstProblem}`,
      );
    }
    return { setAside, verified };
  } finally {
    restored.$client.close();
  }
}
