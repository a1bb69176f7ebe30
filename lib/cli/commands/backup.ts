import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { getDb, openDatabase } from '@/db/client';
import { describePostgresUrl } from '@/db/postgres';
import { backupPostgres } from '@/lib/backup/backup-postgres';
import { databaseTarget } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { verifyLedger, type VerifyResult } from '@/lib/ledger/verify';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

async function backupSqlite(target: string): Promise<VerifyResult> {
  await getDb().$client.backup(target);
  const copy = openDatabase(target, { migrate: false });
  try {
    const result = verifyLedger(copy.$client);
    if (!result.ok)
      throw new RefusedError(`The backup at ${target} does not verify: ${result.firstProblem}`);
    return result;
  } finally {
    copy.$client.close();
  }
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup <file>',
  summary: 'consistent online backup of the database, then verify the copy',
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('expected exactly one target file');
    const target = resolve(file);
    if (existsSync(target)) throw new RefusedError(`${target} already exists; choose a new file.`);
    const database = databaseTarget();
    try {
      const result =
        database.engine === 'postgres'
          ? (await backupPostgres({ url: database.url, file: target })).verified
          : await backupSqlite(target);
      const from = database.engine === 'postgres' ? ` ${describePostgresUrl(database.url)}` : '';
      console.log(
        `Backed up${from} to ${target}; the copy verifies (${result.transactions} transactions, ${result.postings} postings).`,
      );
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.message);
      throw error;
    }
  },
};
