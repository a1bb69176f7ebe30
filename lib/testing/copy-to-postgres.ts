import type Sqlite from 'better-sqlite3';
import type pg from 'pg';

/** Rows per INSERT: well below PostgreSQL's 65,535 parameters for any table here. */
const ROWS_PER_INSERT = 500;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables in an order where each comes after every table its foreign keys point to. */
async function parentsFirst(pool: pg.Pool, tables: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c WHERE c.contype = 'f'`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { parent } of rows.filter((r) => r.child === table && r.parent !== table))
      visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered.filter((table) => tables.includes(table));
}

/**
 * Every row of a SQLite database into a migrated, empty PostgreSQL one, column for column, as the
 * table owner with the tables' own triggers off while it writes, and identity columns moved past
 * the copied ids: the same data on both engines, for tests that
 * hold one engine's reading of it to the other's.
 */
export async function copySqliteToPostgres(sqlite: Sqlite.Database, pool: pg.Pool): Promise<void> {
  const { rows: pgTables } = await pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const known = new Set(pgTables.map((t) => t.name));
  const tables = (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[]
  ).filter((name) => known.has(name));
  for (const table of await parentsFirst(pool, tables)) {
    const select = sqlite.prepare(`SELECT * FROM ${quote(table)}`);
    const columns = select.columns().map((c) => c.name);
    const all = select.raw().all() as unknown[][];
    // The copy is the rows as they are: no trigger adds to them (a queue row per claim_status).
    await pool.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
    for (let start = 0; start < all.length; start += ROWS_PER_INSERT) {
      const chunk = all.slice(start, start + ROWS_PER_INSERT);
      const tuples = chunk.map(
        (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
      );
      await pool.query(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`,
        chunk.flat(),
      );
    }
    await pool.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
  }
  const { rows: identities } = await pool.query<{ tbl: string; col: string }>(
    `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
     WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  for (const { tbl: table, col: column } of identities) {
    await pool.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false)
       FROM ${quote(table)}`,
      [quote(table), column],
    );
  }
}
