import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { getDb, openDatabase } from '@/db/client';
import { verifyLedger } from '@/lib/ledger/verify';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

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
    await getDb().$client.backup(target);
    const copy = openDatabase(target, { migrate: false });
    try {
      const result = verifyLedger(copy.$client);
      if (!result.ok)
        throw new RefusedError(`The backup at ${target} does not verify: ${result.firstProblem}`);
      console.log(
        `Backed up to ${target}; the copy verifies (${result.transactions} transactions, ${result.postings} postings).`,
      );
    } finally {
      copy.$client.close();
    }
  },
};
