import Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import type { Job } from '@/db/schema';
import { publishRoot } from '@/lib/proofs/publish-root';
import { runFullVerification } from '@/lib/reconciliation/full-verification';
import { finishJob, jobById, reportProgress } from './jobs';

/** Progress is written at most this often: each report is a small write transaction. */
const REPORT_EVERY_MS = 500;

/**
 * Does a recorded job's work in this process and records how it ended. The work runs
 * synchronously: call it from a command-line process or a child, never from a request.
 */
export function runJob(
  db: Db,
  id: number,
  onProgress?: (done: number, total: number) => void,
): Job {
  const sqlite = db.$client;
  const job = jobById(sqlite, id);
  if (!job) throw new Error(`No job ${id}.`);
  if (job.status !== 'running') return job;
  // The work reads through open cursors and may hold the write lock for long: progress goes
  // through a connection of its own that never waits, and a report that would wait is skipped.
  const reporter = new Database(sqlite.name, { timeout: 0 });
  let reported = 0;
  const progress = (done: number, total: number) => {
    onProgress?.(done, total);
    if (Date.now() - reported < REPORT_EVERY_MS) return;
    reported = Date.now();
    try {
      reportProgress(reporter, id, done, total);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    }
  };
  try {
    finishJob(sqlite, id, work(db, job, progress));
  } catch (error) {
    finishJob(sqlite, id, {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  } finally {
    reporter.close();
  }
  return jobById(sqlite, id) as Job;
}

function work(
  db: Db,
  job: Job,
  progress: (done: number, total: number) => void,
): { ok: boolean; message: string } {
  if (job.kind === 'verification') {
    const run = runFullVerification(db, {
      id: job.requestedByUserId ?? 0,
      email: job.requestedBy,
    });
    return { ok: run.ok, message: run.message };
  }
  const { root, appended } = publishRoot(db.$client, {
    actor: job.requestedBy,
    actorUserId: job.requestedByUserId,
    onProgress: progress,
  });
  return {
    ok: true,
    message: appended
      ? `Published root ${root.rootHash} over ${root.leafCount} accounts (ledger transaction ${root.txSeq}).`
      : `Nothing changed since root ${root.rootHash}: nothing was published.`,
  };
}
