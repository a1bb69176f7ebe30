import 'server-only';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from '@/lib/env';
import * as schema from './schema';

export { APPEND_ONLY_TABLES, missingTriggers } from './triggers';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A connection or an open transaction: what a write that joins a caller's transaction takes. */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations', 'sqlite');

export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Without this, INSERT OR REPLACE deletes a row without firing the DELETE trigger.
  sqlite.pragma('recursive_triggers = ON');
  sqlite.pragma('busy_timeout = 10000');
}

export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const globalForDb = globalThis as unknown as { makewholeDb?: Db };

/** The process-wide connection to DATABASE_URL, migrated on first use. */
export function getDb(): Db {
  globalForDb.makewholeDb ??= openDatabase(databasePath());
  return globalForDb.makewholeDb;
}
