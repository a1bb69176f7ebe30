import { afterAll, describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { BULK_TABLES, dropIndexesOfEmptyTables, rebuildIndexes } from './bulk-indexes';
import { importBundle, type ImportPhase } from './import-bundle';
import { removeTestBundles, withExtraLine, writeTestBundle } from './test-bundle';

afterAll(removeTestBundles);

type Sqlite = ReturnType<typeof tempDb>['$client'];

/** Every index and its SQL, as the migrations left them. */
const indexes = (sqlite: Sqlite) =>
  sqlite
    .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    .all();

const indexNamesOf = (sqlite: Sqlite, table: string) =>
  sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .pluck()
    .all(table);

describe('the first import loads its big tables without their secondary indexes', () => {
  it('loads without them and leaves exactly the indexes the migrations define', async () => {
    const db = tempDb();
    const sqlite = db.$client;
    const before = indexes(sqlite);
    expect(indexNamesOf(sqlite, 'ledger_postings')).toEqual(['ledger_postings_account']);
    expect(indexNamesOf(sqlite, 'accounts')).toHaveLength(2);
    const phases: ImportPhase[] = [];
    const duringLoad: unknown[] = [];
    await importBundle(db, {
      dir: await writeTestBundle(),
      actor: 'test',
      onPhase: (phase) => {
        phases.push(phase);
        if (phase === 'index')
          duringLoad.push(...BULK_TABLES.flatMap((t) => indexNamesOf(sqlite, t)));
      },
    });
    expect(phases).toEqual(['validate and write', 'index', 'commit']);
    expect(duringLoad).toEqual([]);
    expect(indexes(sqlite)).toEqual(before);
    expect(sqlite.prepare('SELECT name FROM sqlite_temp_master').all()).toEqual([]);
    // Used again: the planner finds the account index for an account's postings.
    const plan = sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT amount_units FROM ledger_postings WHERE account = 'x'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/ledger_postings_account/);
  });

  it('leaves every index as it was when the import is refused', async () => {
    const db = tempDb();
    const sqlite = db.$client;
    const before = indexes(sqlite);
    const dir = await writeTestBundle({
      'balances.csv': withExtraLine('balances.csv', 'acct-9,BTC,1'),
    });
    await expect(importBundle(db, { dir, actor: 'test' })).rejects.toThrow(
      /balances\.csv:6: unknown account/,
    );
    expect(indexes(sqlite)).toEqual(before);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('keeps the indexes of a table that already has rows', () => {
    const sqlite = tempDb().$client;
    sqlite.prepare("INSERT INTO accounts (id, email) VALUES ('a', 'a@example.test')").run();
    sqlite.exec('BEGIN');
    const dropped = dropIndexesOfEmptyTables(sqlite);
    expect(dropped.map((d) => d.name)).toEqual(['ledger_postings_account']);
    expect(indexNamesOf(sqlite, 'accounts')).toHaveLength(2);
    sqlite.exec('ROLLBACK');
  });

  it('still refuses a duplicate email when the unique index is rebuilt', () => {
    const sqlite = tempDb().$client;
    const before = indexes(sqlite);
    sqlite.exec('BEGIN');
    const dropped = dropIndexesOfEmptyTables(sqlite);
    const insert = sqlite.prepare('INSERT INTO accounts (id, email) VALUES (?, ?)');
    insert.run('a', 'same@example.test');
    insert.run('b', 'same@example.test');
    expect(() => rebuildIndexes(sqlite, dropped)).toThrow(/UNIQUE constraint failed/);
    sqlite.exec('ROLLBACK');
    expect(indexes(sqlite)).toEqual(before);
  });
});

describe('the database keeps account emails unique without regard to case', () => {
  it('refuses a second account whose email differs only in case, whatever writes it', () => {
    const sqlite = tempDb().$client;
    const insert = sqlite.prepare('INSERT INTO accounts (id, email) VALUES (?, ?)');
    insert.run('a', 'Same@Example.test');
    expect(() => insert.run('b', 'same@example.TEST')).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses it when the dropped index is rebuilt after a bulk load', () => {
    const sqlite = tempDb().$client;
    sqlite.exec('BEGIN');
    const dropped = dropIndexesOfEmptyTables(sqlite);
    const insert = sqlite.prepare('INSERT INTO accounts (id, email) VALUES (?, ?)');
    insert.run('a', 'Same@Example.test');
    insert.run('b', 'same@example.test');
    expect(() => rebuildIndexes(sqlite, dropped)).toThrow(/UNIQUE constraint failed/);
    sqlite.exec('ROLLBACK');
  });
});
