import type { Executor } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { auditDetailJson, type AuditAction } from './audit-actions';

type Who = {
  actorUserId?: number | null;
  actorEmail?: string | null;
  subject?: string | null;
};

/** An action recorded without a detail takes none; any other requires its detail. */
export type AuditInput<Detail> = Who &
  (undefined extends Detail ? { detail?: Detail } : { detail: Detail });

/**
 * Appends one audit row; call it inside the transaction of the change it describes. A detail
 * that does not fit its action's schema is refused before anything is written.
 */
export function recordAudit<Detail>(
  db: Executor,
  entry: AuditAction<Detail>,
  input: AuditInput<NoInfer<Detail>>,
): void {
  const detail = auditDetailJson(entry, input.detail as Detail);
  db.insert(auditEvents)
    .values({
      at: new Date().toISOString(),
      action: entry.action,
      actorUserId: input.actorUserId ?? null,
      actorEmail: input.actorEmail ?? null,
      subject: input.subject ?? null,
      detail,
    })
    .run();
}
