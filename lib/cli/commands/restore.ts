import { resolve } from 'node:path';
import { describePostgresUrl } from '@/db/postgres';
import { restoreDatabase, type Restoration } from '@/lib/backup/restore-database';
import { restorePostgres } from '@/lib/backup/restore-postgres';
import { databaseTarget } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

type Restored = Restoration & { target: string; keptAt: string | null };

async function restore(backup: string, replace: boolean): Promise<Restored> {
  const database = databaseTarget();
  if (database.engine === 'postgres') {
    const result = await restorePostgres({ url: database.url, backup, replace });
    return {
      ...result,
      target: describePostgresUrl(database.url),
      keptAt: result.setAside && `${result.setAside} on the same server`,
    };
  }
  const target = resolve(database.file);
  const result = await restoreDatabase({ backup, target, replace });
  return { ...result, target, keptAt: result.setAside };
}

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <backup-file> [--replace]',
  summary:
    'with the server stopped, put a verified backup in place of DATABASE_URL (the old one is kept)',
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { replace: { type: 'boolean' } }, true);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('expected exactly one backup file');
    try {
      const { target, keptAt, verified } = await restore(resolve(file), values.replace === true);
      if (keptAt) console.log(`The database that was at ${target} is kept at ${keptAt}.`);
      console.log(
        `Restored ${resolve(file)} to ${target}; it verifies (${verified.transactions} transactions, ${verified.postings} postings). Start the server.`,
      );
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.message);
      throw error;
    }
  },
};
