import type Database from 'better-sqlite3';

/** The tables the first import fills with a row per account or per balance line. */
export const BULK_TABLES = ['accounts', 'snapshot_lines', 'ledger_postings', 'ledger_balances'];

export type DroppedIndex = { name: string; sql: string };

/**
 * Drops the secondary indexes of each of `tables` that is still empty, so the bulk load does not
 * keep them up to date row by row; `rebuildIndexes` creates them again from their own SQL, as the
 * migrations wrote it, sorting each once. Inside the caller's transaction: a rollback restores
 * them as they were. Primary keys (and the indexes of inline UNIQUE constraints, which have no
 * SQL) stay: foreign keys and duplicate checks need them during the load.
 */
export function dropIndexesOfEmptyTables(
  sqlite: Database.Database,
  tables: readonly string[] = BULK_TABLES,
): DroppedIndex[] {
  if (!sqlite.inTransaction) throw new Error('indexes are dropped only inside a transaction');
  const indexesOf = sqlite.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
  );
  const dropped: DroppedIndex[] = [];
  for (const table of tables) {
    const empty = !sqlite.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get();
    if (!empty) continue;
    for (const index of indexesOf.all(table) as DroppedIndex[]) {
      sqlite.exec(`DROP INDEX "${index.name}"`);
      dropped.push(index);
    }
  }
  return dropped;
}

/** Creates the indexes `dropIndexesOfEmptyTables` dropped; a UNIQUE one still refuses duplicates. */
export function rebuildIndexes(sqlite: Database.Database, dropped: readonly DroppedIndex[]): void {
  for (const index of dropped) sqlite.exec(index.sql);
}
