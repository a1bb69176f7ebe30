import { resolve } from 'node:path';
import { restoreDatabase } from '@/lib/backup/restore-database';
import { databasePath } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <backup-file> [--replace]',
  summary:
    'with the server stopped, put a verified backup in place of DATABASE_URL (the old one is kept)',
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { replace: { type: 'boolean' } }, true);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('expected exactly one backup file');
    const target = resolve(databasePath());
    try {
      const { setAside, verified } = await restoreDatabase({
        backup: resolve(file),
        target,
        replace: values.replace === true,
      });
      if (setAside) console.log(`The database that was at ${target} is kept at ${setAside}.`);
      console.log(
        `Restored ${resolve(file)} to ${target}; it verifies (${verified.transactions} transactions, ${verified.postings} postings). Start the server.`,
      );
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.message);
      throw error;
    }
  },
};
