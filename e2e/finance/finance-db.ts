/** The journeys' database, read beside the browser to prove what the steps wrote. */
import Database from 'better-sqlite3';
import { e2eDatabaseFile } from '../support/journey-database';

export function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(e2eDatabaseFile(), { readonly: true });
  sqlite.pragma('busy_timeout = 10000');
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}
