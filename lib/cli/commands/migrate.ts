import { openDatabase } from '@/db/client';
import { describePostgresUrl, openPostgres } from '@/db/postgres';
import { databaseTarget } from '@/lib/env';
import { RefusedError, type Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply database migrations (SQLite file or PostgreSQL)',
  async run() {
    const target = databaseTarget();
    if (target.engine === 'postgres') {
      const db = await openPostgres(target.url, { max: 1 }).catch((error: Error) => {
        throw new RefusedError(`Cannot migrate ${error.message}`);
      });
      await db.$client.end();
      console.log(`Database ready: ${describePostgresUrl(target.url)}`);
      return;
    }
    openDatabase(target.file).$client.close();
    console.log(`Database ready: ${target.file}`);
  },
};
