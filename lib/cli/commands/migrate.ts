import { openDatabase } from '@/db/client';
import { databasePath } from '@/lib/env';
import type { Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply database migrations',
  run() {
    const file = databasePath();
    openDatabase(file).$client.close();
    console.log(`Database ready: ${file}`);
  },
};
