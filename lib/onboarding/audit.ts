import type Database from 'better-sqlite3';

export type OnboardingEvent = {
  action: string;
  actorUserId?: number | null;
  actorEmail: string | null;
  accountId?: string | null;
  detail: Record<string, unknown>;
  at?: string;
};

/**
 * A prepared writer of audit rows (the same rows as lib/audit/record-audit.ts), for the raw
 * connection onboarding works on: a million invites write a million rows, one statement reused.
 * Call it inside the transaction of the change it records.
 */
export function auditWriter(sqlite: Database.Database): (event: OnboardingEvent) => void {
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (at, actor_user_id, actor_email, action, subject, detail)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return (event) => {
    insert.run(
      event.at ?? new Date().toISOString(),
      event.actorUserId ?? null,
      event.actorEmail,
      event.action,
      event.accountId ? `account:${event.accountId}` : null,
      JSON.stringify(event.detail),
    );
  };
}
