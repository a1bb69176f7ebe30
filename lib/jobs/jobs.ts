import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import type { Job, JobKind } from '@/db/schema';
import { AppError } from '@/lib/errors';

export const JOB_LABELS: Record<JobKind, string> = {
  verification: 'verification',
  'proof.publish': 'proof root publication',
};

/** A runner on another machine that has said nothing for this long is taken for dead. */
const SILENT_RUNNER_MS = 30 * 60_000;

export type Requester = { userId: number | null; name: string };

const JOB_COLUMNS = `id, kind, status, requested_by_user_id AS requestedByUserId,
  requested_by AS requestedBy, started_at AS startedAt, host, pid, heartbeat_at AS heartbeatAt,
  done, total, finished_at AS finishedAt, duration_ms AS durationMs, ok, message`;

type JobRow = Omit<Job, 'ok'> & { ok: number | null };
const toJob = (row: JobRow): Job => ({ ...row, ok: row.ok === null ? null : row.ok === 1 });

export function jobById(sqlite: Database.Database, id: number): Job | null {
  const row = sqlite.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(id) as
    JobRow | undefined;
  return row ? toJob(row) : null;
}

/** The newest job of a kind, running or finished. Reads only: safe on a GET. */
export function latestJob(sqlite: Database.Database, kind: JobKind): Job | null {
  const row = sqlite
    .prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1`)
    .get(kind) as JobRow | undefined;
  return row ? toJob(row) : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A running job whose runner is gone: on this machine, its process no longer exists; on
 * another, it has not reported for half an hour. Shown as such, and closed at the next start.
 */
export function runnerGone(job: Job, now = Date.now()): boolean {
  if (job.status !== 'running') return false;
  if (job.host === hostname()) return job.pid === null ? false : !processAlive(job.pid);
  return now - Date.parse(job.heartbeatAt) > SILENT_RUNNER_MS;
}

/**
 * Records a new running job, or refuses while one of the same kind runs (the database's unique
 * index decides, so two servers racing cannot both start one). A job whose runner died is
 * closed as failed first.
 */
export function startJob(
  sqlite: Database.Database,
  kind: JobKind,
  requester: Requester,
  options: { pid?: number } = {},
): Job {
  return sqlite
    .transaction(() => {
      const running = latestJob(sqlite, kind);
      if (running?.status === 'running') {
        if (!runnerGone(running)) {
          throw new AppError(
            'conflict',
            `A ${JOB_LABELS[kind]} is already running, started by ${running.requestedBy} at ${running.startedAt}.`,
          );
        }
        finishJob(sqlite, running.id, {
          ok: false,
          message: 'The runner stopped before finishing (its process is gone).',
        });
      }
      const now = new Date().toISOString();
      // The unique index refuses a second running job even if another server raced this one.
      const { lastInsertRowid } = sqlite
        .prepare(
          `INSERT INTO jobs (kind, status, requested_by_user_id, requested_by, started_at, host, pid, heartbeat_at, done, total)
           VALUES (?, 'running', ?, ?, ?, ?, ?, ?, 0, 0)`,
        )
        .run(kind, requester.userId, requester.name, now, hostname(), options.pid ?? null, now);
      return jobById(sqlite, Number(lastInsertRowid)) as Job;
    })
    .immediate();
}

/** The runner's process, once it is known (a runner started for a request is a child). */
export function claimJob(sqlite: Database.Database, id: number, pid: number): void {
  sqlite
    .prepare("UPDATE jobs SET pid = ?, host = ? WHERE id = ? AND status = 'running'")
    .run(pid, hostname(), id);
}

export function reportProgress(
  sqlite: Database.Database,
  id: number,
  done: number,
  total: number,
): void {
  sqlite
    .prepare(
      "UPDATE jobs SET done = ?, total = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'",
    )
    .run(done, total, new Date().toISOString(), id);
}

export function finishJob(
  sqlite: Database.Database,
  id: number,
  outcome: { ok: boolean; message: string },
): void {
  const job = jobById(sqlite, id);
  if (!job || job.status !== 'running') return;
  const now = new Date();
  sqlite
    .prepare(
      `UPDATE jobs SET status = ?, ok = ?, message = ?, finished_at = ?, duration_ms = ?, heartbeat_at = ?
       WHERE id = ? AND status = 'running'`,
    )
    .run(
      outcome.ok ? 'succeeded' : 'failed',
      outcome.ok ? 1 : 0,
      outcome.message,
      now.toISOString(),
      now.getTime() - Date.parse(job.startedAt),
      now.toISOString(),
      id,
    );
}
