import { is, Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { SQL } from 'drizzle-orm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pg from './schema-pg';
import * as lite from './schema';

// The SQLite schema is the source; the PostgreSQL one must say the same thing in its own types.

type TableName = keyof typeof pg;
// Which insert columns may be left out is compared at run time (`assigned` above): SQLite's types
// let every INTEGER PRIMARY KEY be left out, even one that references another table.
type Rows<S extends Record<TableName, Table>> = {
  [K in TableName]: { select: S[K]['$inferSelect']; insert: Required<S[K]['$inferInsert']> };
};

function tablesOf(schema: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(schema).filter(([, value]) => is(value, Table)));
}

const liteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
const text = (dialect: SQLiteSyncDialect | PgDialect, where: SQL | undefined) =>
  where ? dialect.sqlToQuery(where).sql : null;

/** What a column says in engine-neutral words; the type is mapped where the engines differ. */
function liteColumn(
  column: ReturnType<typeof sqliteConfig>['columns'][number],
  references: Set<string>,
) {
  const sqlType = column.getSQLType();
  const boolean = column.columnType === 'SQLiteBoolean';
  return {
    name: column.name,
    type: boolean ? 'boolean' : sqlType === 'integer' ? 'integer' : 'text',
    notNull: column.notNull,
    primary: column.primary,
    unique: column.isUnique,
    // An INTEGER PRIMARY KEY is SQLite's row id, assigned when an insert leaves it out; one that
    // references another table's row is never left out.
    assigned:
      column.columnType === 'SQLiteInteger' && column.primary && !references.has(column.name),
  };
}

function pgColumn(column: ReturnType<typeof pgConfig>['columns'][number]) {
  const sqlType = column.getSQLType();
  const type =
    sqlType === 'integer' || sqlType === 'bigint'
      ? 'integer'
      : sqlType === 'numeric(78, 0)'
        ? 'text'
        : sqlType;
  return {
    name: column.name,
    type,
    notNull: column.notNull,
    primary: column.primary,
    unique: column.isUnique,
    assigned: column.generatedIdentity !== undefined,
  };
}

function referencing(keys: ReturnType<typeof sqliteConfig>['foreignKeys']): Set<string> {
  return new Set(keys.flatMap((key) => key.reference().columns.map((c) => c.name)));
}

function liteShape(table: SQLiteTable) {
  const config = sqliteConfig(table);
  return {
    columns: config.columns.map((column) => liteColumn(column, referencing(config.foreignKeys))),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((c) => c.name)),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name,
        unique: index.unique,
        on: index.columns.map((c) => ('name' in c ? c.name : '?')),
        where: text(liteDialect, index.where),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return {
        columns: reference.columns.map((c) => c.name),
        table: sqliteConfig(reference.foreignTable).name,
        foreignColumns: reference.foreignColumns.map((c) => c.name),
      };
    }),
    checks: config.checks.map((c) => ({ name: c.name, value: text(liteDialect, c.value) })),
  };
}

function pgShape(table: PgTable) {
  const config = pgConfig(table);
  return {
    columns: config.columns.map(pgColumn),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((c) => c.name)),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name ?? '',
        unique: index.unique,
        on: index.columns.map((c) => ('name' in c ? c.name : '?')),
        where: text(pgDialect, index.where),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return {
        columns: reference.columns.map((c) => c.name),
        table: pgConfig(reference.foreignTable).name,
        foreignColumns: reference.foreignColumns.map((c) => c.name),
      };
    }),
    checks: config.checks.map((c) => ({ name: c.name, value: text(pgDialect, c.value) })),
  };
}

const liteTables = tablesOf(lite);
const pgTables = tablesOf(pg);

describe('the PostgreSQL schema', () => {
  it('has every table of the SQLite schema and no other', () => {
    expect([...pgTables.keys()].sort()).toEqual([...liteTables.keys()].sort());
    expect(liteTables.size).toBeGreaterThan(30);
  });

  it.each([...liteTables.keys()])('says what the SQLite schema says of %s', (key) => {
    const liteTable = liteTables.get(key) as SQLiteTable;
    const pgTable = pgTables.get(key) as PgTable | undefined;
    expect(pgTable, `${key} is missing from db/schema-pg.ts`).toBeDefined();
    expect(pgConfig(pgTable!).name).toBe(sqliteConfig(liteTable).name);
    expect(pgShape(pgTable!)).toEqual(liteShape(liteTable));
  });

  it('keeps every amount as an exact integer, never floating point', () => {
    for (const table of pgTables.values()) {
      for (const column of pgConfig(table as PgTable).columns) {
        const type = column.getSQLType();
        expect(type, `${column.name}`).not.toMatch(/real|double|float/);
        // numeric(78,0) rounds whatever it is given to a whole number: only counts of units.
        if (/(^|_)units$/.test(column.name)) expect(type, column.name).toBe('numeric(78, 0)');
        else expect(type, column.name).not.toMatch(/numeric/);
      }
    }
  });

  it('reads back the same row types as the SQLite schema', () => {
    expectTypeOf<Rows<typeof pg>>().toEqualTypeOf<Rows<typeof lite>>();
    expect(pgTables.size).toBe(liteTables.size);
  });
});
