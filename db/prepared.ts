import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on this connection, compiled on first use: for the reads made on every
 * request, where compiling the SQL again costs more than running it. `pluck` is part of the key,
 * since it changes what the statement returns for everyone who holds it.
 */
export function prepared(
  sqlite: Database.Database,
  sql: string,
  options: { pluck?: boolean } = {},
): Database.Statement {
  let byText = statements.get(sqlite);
  if (!byText) statements.set(sqlite, (byText = new Map()));
  const key = `${options.pluck ? 'pluck' : 'rows'}\u0000${sql}`;
  let statement = byText.get(key);
  if (!statement) {
    statement = sqlite.prepare(sql);
    if (options.pluck) statement.pluck();
    byText.set(key, statement);
  }
  return statement;
}
