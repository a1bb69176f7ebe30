import type { Executor } from '@/db/client';
import { auditEvents } from '@/db/schema';

export type AuditInput = {
  action: string;
  actorUserId?: number | null;
  actorEmail?: string | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends one audit row; call it inside the transaction of the change it describes. */
export function recordAudit(db: Executor, input: AuditInput): void {
  db.insert(auditEvents)
    .values({
      at: new Date().toISOString(),
      action: input.action,
      actorUserId: input.actorUserId ?? null,
      actorEmail: input.actorEmail ?? null,
      subject: input.subject ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    })
    .run();
}
