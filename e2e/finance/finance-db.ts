/** The journeys' database, read beside the browser to prove what the steps wrote. */
import Database from 'better-sqlite3';

const databaseFile = () => `data/e2e-${process.env.E2E_PORT ?? 3100}/makewhole.db`;

export function query<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(databaseFile(), { readonly: true });
  sqlite.pragma('busy_timeout = 10000');
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}
