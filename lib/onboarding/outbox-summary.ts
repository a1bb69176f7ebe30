import type Database from 'better-sqlite3';

/** One line per outbox status, for the operator: counts, and the next retry when one is due. */
export function outboxSummary(sqlite: Database.Database): string {
  const rows = sqlite
    .prepare(
      `SELECT status, count(*) AS messages, min(next_attempt_at) AS nextAt
       FROM outbox_messages GROUP BY status ORDER BY status`,
    )
    .all() as { status: string; messages: number; nextAt: string }[];
  if (rows.length === 0) return 'The outbox is empty.';
  return rows
    .map((row) =>
      row.status === 'queued'
        ? `queued     ${row.messages} (next attempt from ${row.nextAt})`
        : `${row.status.padEnd(10)} ${row.messages}`,
    )
    .join('\n');
}
