import 'server-only';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databasePath } from '@/lib/env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A connection or an open transaction: what a write that joins a caller's transaction takes. */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/** Tables whose rows, once written, are facts: the database itself refuses UPDATE and DELETE. */
export const APPEND_ONLY_TABLES = [
  'snapshots',
  'assets',
  'accounts',
  'snapshot_lines',
  'ledger_transactions',
  'ledger_postings',
  'audit_events',
] as const;

export const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations');

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

/** Names of the append-only triggers that should exist and do not (tampering or a bad migration). */
export function missingTriggers(sqlite: Database.Database): string[] {
  const present = new Set(
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[],
  );
  return APPEND_ONLY_TABLES.flatMap((table) => [`${table}_no_update`, `${table}_no_delete`]).filter(
    (name) => !present.has(name),
  );
}

const globalForDb = globalThis as unknown as { makewholeDb?: Db };

/** The process-wide connection to DATABASE_URL, migrated on first use. */
export function getDb(): Db {
  globalForDb.makewholeDb ??= openDatabase(databasePath());
  return globalForDb.makewholeDb;
}
