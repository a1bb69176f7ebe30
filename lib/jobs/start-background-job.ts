import 'server-only';
import type { Db } from '@/db/client';
import type { JobKind } from '@/db/schema';
import type { StaffActor } from '@/lib/audit/actor';
import { JOB_STARTED } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { JOB_LABELS, startJob } from './jobs';
import { spawnJobRunner } from './spawn-runner';

/**
 * Starts whole-ledger work for a staff member and returns at once: the job is recorded (one
 * running per kind, or a refusal naming who runs it), audited, and handed to a child process.
 */
export function startBackgroundJob(db: Db, kind: JobKind, actor: StaffActor): { message: string } {
  const sqlite = db.$client;
  const job = startJob(sqlite, kind, { userId: actor.id, name: actor.email });
  recordAudit(db, JOB_STARTED, {
    actorUserId: actor.id,
    actorEmail: actor.email,
    subject: `job:${job.id}`,
    detail: { kind },
  });
  spawnJobRunner(sqlite, job);
  const label = JOB_LABELS[kind];
  return { message: `The ${label} started; this page shows its progress.` };
}
