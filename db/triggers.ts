import type Database from 'better-sqlite3';

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

/** Names of the append-only triggers that should exist and do not (tampering or a bad migration). */
export function missingTriggers(sqlite: Database.Database): string[] {
  const present = new Set(
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[],
  );
  return [
    ...APPEND_ONLY_TABLES.flatMap((table) => [`${table}_no_update`, `${table}_no_delete`]),
    ...GUARD_TRIGGERS,
  ].filter((name) => !present.has(name));
}
