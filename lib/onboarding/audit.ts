import type Database from 'better-sqlite3';
import { auditDetailJson, type AuditAction } from '@/lib/audit/audit-actions';

export type OnboardingEvent<Detail> = {
  actorUserId?: number | null;
  actorEmail: string | null;
  accountId?: string | null;
  detail: Detail;
  at?: string;
};

/**
 * A prepared writer of audit rows (the same rows as lib/audit/record-audit.ts), for the raw
 * connection onboarding works on: a million invites write a million rows, one statement reused.
 * Call it inside the transaction of the change it records; a detail that does not fit its
 * action is refused, as recordAudit refuses it.
 */
export function auditWriter(
  sqlite: Database.Database,
): <Detail>(entry: AuditAction<Detail>, event: OnboardingEvent<NoInfer<Detail>>) => void {
  const insert = sqlite.prepare(
    `INSERT INTO audit_events (at, actor_user_id, actor_email, action, subject, detail)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return (entry, event) => {
    const detail = auditDetailJson(entry, event.detail);
    insert.run(
      event.at ?? new Date().toISOString(),
      event.actorUserId ?? null,
      event.actorEmail,
      entry.action,
      event.accountId ? `account:${event.accountId}` : null,
      detail,
    );
  };
}
