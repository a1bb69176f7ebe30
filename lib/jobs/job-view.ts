import type Database from 'better-sqlite3';
import type { JobKind } from '@/db/schema';
import { JOB_LABELS, latestJob, runnerGone } from './jobs';

export type JobSummary = { running: boolean; summary: string | null; ok: boolean | null };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The newest job of a kind as a person reads it: progress while it runs, then its outcome. */
export function jobSummary(sqlite: Database.Database, kind: JobKind): JobSummary {
  const job = latestJob(sqlite, kind);
  if (!job) return { running: false, summary: null, ok: null };
  const label = JOB_LABELS[kind];
  const by = `started by ${job.requestedBy} at ${job.startedAt}`;
  if (job.status === 'running') {
    if (runnerGone(job))
      return {
        running: false,
        ok: false,
        summary: `The ${label} ${by} stopped before finishing: start it again.`,
      };
    const share =
      job.total > 0
        ? ` ${Math.floor((job.done * 100) / job.total)}% (${job.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')})`
        : '';
    const elapsed = seconds(Date.now() - Date.parse(job.startedAt));
    return {
      running: true,
      ok: null,
      summary: `The ${label} ${by} is running:${share} after ${elapsed}.`,
    };
  }
  const outcome = job.ok ? 'finished' : 'FAILED';
  return {
    running: false,
    ok: job.ok,
    summary: `The ${label} ${by} ${outcome} in ${seconds(job.durationMs ?? 0)}: ${job.message}`,
  };
}
