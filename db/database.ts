import Sqlite from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { openDatabase } from './client';
import { openPostgres, type PgDb } from './postgres';
import * as sqliteTables from './schema';
import * as pgTables from './schema-pg';

// One way to reach either engine. Domain code queries with drizzle's builder and the tables of
// `database.tables`, and reads rows of the types both schemas infer alike (schema-parity.test.ts):
//
//   const [user] = await database.read.select().from(t.users).where(eq(t.users.email, email));
//   await database.transaction(async (tx) => { … }, { ledger: true });
//
// The builder is typed as PostgreSQL's; on SQLite the same calls reach drizzle's SQLite builder,
// whose shape is the same for what domain code may use: select, insert (with onConflictDoNothing,
// onConflictDoUpdate, returning), update and delete, each awaited. Raw SQL goes through `rows`,
// `row` and `run` below, never an engine's own method.

export type Engine = 'sqlite' | 'postgres';

export type Tables = typeof pgTables;

type Builder = PgDatabase<NodePgQueryResultHKT, Tables>;

/** What a query runs on: outside a transaction, reads only; inside one, reads and writes. */
export type Query = Omit<Builder, 'transaction' | 'execute' | '$client' | '$count' | 'query'>;

export type TransactionOptions = {
  /**
   * Appends to the ledger: serialised with every other ledger append on the database, from any
   * app server, so each reads the chain head the one before it wrote.
   */
  ledger?: boolean;
};

export interface Database {
  readonly engine: Engine;
  readonly tables: Tables;
  /** Reads outside any transaction; a write here is refused. */
  readonly read: Query;
  /** Runs `work` as one transaction: all of its writes, or none. */
  transaction<T>(work: (tx: Query) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `work` as one read-only transaction whose every read sees the database as of one moment
   * (PostgreSQL: REPEATABLE READ), on a connection of its own: for reads that must agree, such as
   * verify's, however long they take.
   */
  snapshot<T>(work: (q: Query) => Promise<T>): Promise<T>;
  /** The SQLite file, for what opens connections of its own to it; null on PostgreSQL. */
  readonly file: string | null;
  /**
   * A read outside transactions, compiled once per database under `name` and run with
   * `sql.placeholder` values: for the reads made on every request.
   */
  prepared<P extends Preparable>(name: string, build: (read: Query) => P): ReturnType<P['prepare']>;
  close(): Promise<void>;
}

type Preparable = { prepare(name: string): unknown };

function preparedCache(read: Query): Database['prepared'] {
  const byName = new Map<string, unknown>();
  return <P extends Preparable>(name: string, build: (q: Query) => P) => {
    let statement = byName.get(name);
    if (!statement) byName.set(name, (statement = build(read).prepare(name)));
    return statement as ReturnType<P['prepare']>;
  };
}

// Fixed for the project, as db/postgres.ts's migration lock.
export const LEDGER_LOCK = 7_342_002;

type Runner = { all?: (query: SQL) => unknown; execute?: (query: SQL) => unknown };

/** The rows a raw statement returns, on either engine. */
export async function rows<T extends Record<string, unknown>>(q: Query, query: SQL): Promise<T[]> {
  const runner = q as unknown as Runner;
  if (typeof runner.all === 'function') return runner.all(query) as T[];
  const result = (await runner.execute!(query)) as { rows: T[] };
  return result.rows;
}

/** The first row a raw statement returns, or undefined. */
export async function row<T extends Record<string, unknown>>(
  q: Query,
  query: SQL,
): Promise<T | undefined> {
  return (await rows<T>(q, query))[0];
}

/** Runs a raw statement for its effect; returns how many rows it changed. */
export async function run(q: Query, query: SQL): Promise<number> {
  const runner = q as unknown as { run?: (query: SQL) => { changes: number } } & Runner;
  if (typeof runner.run === 'function') return runner.run(query).changes;
  const result = (await runner.execute!(query)) as { rowCount: number | null };
  return result.rowCount ?? 0;
}

/** Serialises async work: what SQLite's one write connection needs within a process. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async hold<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * SQLite: one connection writes, in transactions that begin IMMEDIATE (so that no other process
 * writes between their first read and their commit) one at a time in this process; a second,
 * read-only connection answers every read outside them, which WAL lets run beside a writer and
 * never see its uncommitted rows.
 */
export function sqliteDatabase(file: string): Database {
  if (file === ':memory:')
    throw new Error('sqliteDatabase needs a file: its two connections share it');
  const writer = openDatabase(file);
  const reader = new Sqlite(file, { readonly: true });
  reader.pragma('busy_timeout = 10000');
  const read = drizzleSqlite(reader, { schema: sqliteTables });
  const mutex = new Mutex();
  return {
    engine: 'sqlite',
    file,
    tables: sqliteTables as unknown as Tables,
    read: read as unknown as Query,
    prepared: preparedCache(read as unknown as Query),
    transaction(work) {
      return mutex.hold(async () => {
        writer.$client.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(writer as unknown as Query);
          writer.$client.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.$client.inTransaction) writer.$client.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async snapshot(work) {
      const connection = new Sqlite(file, { readonly: true });
      try {
        connection.pragma('busy_timeout = 10000');
        // WAL: a read transaction sees the database as of its first read, until it ends.
        connection.exec('BEGIN');
        const result = await work(
          drizzleSqlite(connection, { schema: sqliteTables }) as unknown as Query,
        );
        connection.exec('COMMIT');
        return result;
      } finally {
        connection.close();
      }
    },
    async close() {
      await mutex.hold(async () => {
        reader.close();
        writer.$client.close();
      });
    },
  };
}

/**
 * PostgreSQL: two pools, one whose connections refuse writes for reads outside transactions and
 * snapshots, and one for transactions, each on a connection of its own at READ COMMITTED. A ledger append first
 * takes a transaction-scoped advisory lock, which every server on the database shares.
 */
export function postgresDatabase(db: PgDb, reader: PgDb): Database {
  return {
    engine: 'postgres',
    file: null,
    tables: pgTables,
    read: reader as unknown as Query,
    prepared: preparedCache(reader as unknown as Query),
    transaction(work, options = {}) {
      return db.transaction(
        async (tx) => {
          if (options.ledger) await tx.execute(sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
          return work(tx as unknown as Query);
        },
        { isolationLevel: 'read committed', accessMode: 'read write' },
      );
    },
    snapshot(work) {
      return reader.transaction((tx) => work(tx as unknown as Query), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      });
    },
    async close() {
      await Promise.all([db.$client.end(), reader.$client.end()]);
    },
  };
}

/** The database DATABASE_URL-style `url` names, migrated. */
export async function openAnyDatabase(url: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const db = await openPostgres(url);
    return postgresDatabase(db, await openPostgres(url, { readOnly: true }));
  }
  return sqliteDatabase(url.replace(/^file:/, ''));
}
