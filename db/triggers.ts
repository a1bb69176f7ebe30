import type Database from 'better-sqlite3';
import type pg from 'pg';

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

/**
 * Tables whose rows change only in one way, guarded by triggers of their own: a payout line is only
 * ever ended, a staff request only ever decided once. Neither is ever deleted.
 */
export const GUARD_TRIGGERS = [
  'payout_items_only_end',
  'payout_items_no_delete',
  'staff_requests_decided_once',
  'staff_requests_no_delete',
] as const;

/** PostgreSQL also has TRUNCATE, which row triggers do not see: a statement trigger refuses it. */
export const TRUNCATE_GUARDED_TABLES = [...APPEND_ONLY_TABLES, 'payout_items', 'staff_requests'];

const expectedTriggers = [
  ...APPEND_ONLY_TABLES.flatMap((table) => [`${table}_no_update`, `${table}_no_delete`]),
  ...GUARD_TRIGGERS,
];

/** Names of the append-only triggers that should exist and do not (tampering or a bad migration). */
export function missingTriggers(sqlite: Database.Database): string[] {
  const present = new Set(
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[],
  );
  return expectedTriggers.filter((name) => !present.has(name));
}

/** The same on PostgreSQL, where a trigger can also be disabled without being dropped. */
export async function missingPgTriggers(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(PRESENT_PG_TRIGGERS);
  return missingPgTriggersOf(rows.map((row) => row.name));
}

/** The names of the triggers PostgreSQL has and fires: see missingPgTriggersOf. */
export const PRESENT_PG_TRIGGERS =
  "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'";

/** Which expected PostgreSQL triggers are not among the `present` ones (PRESENT_PG_TRIGGERS). */
export function missingPgTriggersOf(present: Iterable<string>): string[] {
  const names = new Set(present);
  return [
    ...expectedTriggers,
    ...TRUNCATE_GUARDED_TABLES.map((table) => `${table}_no_truncate`),
  ].filter((name) => !names.has(name));
}
