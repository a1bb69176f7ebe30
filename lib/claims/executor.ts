import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Executor } from '@/db/client';
import * as schema from '@/db/schema';

const executors = new WeakMap<Database.Database, Executor>();

/**
 * Drizzle over the caller's own connection: an audit row written through it joins the
 * transaction the caller opened on that connection.
 */
export function executorFor(sqlite: Database.Database): Executor {
  let executor = executors.get(sqlite);
  if (!executor) {
    executor = drizzle(sqlite, { schema });
    executors.set(sqlite, executor);
  }
  return executor;
}
