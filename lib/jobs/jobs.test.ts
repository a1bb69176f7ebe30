import { drizzle } from 'drizzle-orm/better-sqlite3';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { adjust, count, importClaims, removeFixtureBundles } from '@/lib/proofs/proof-fixture';
import { publishRoot } from '@/lib/proofs/publish-root';
import { tempDb } from '@/lib/testing/temp-db';
import { jobSummary } from './job-view';
import { finishJob, jobById, latestJob, reportProgress, runnerGone, startJob } from './jobs';
import { runJob } from './run-job';

afterAll(removeFixtureBundles);

const ADMIN = { userId: 1, name: 'admin@demo.test' };
const asDb = (sqlite: Db['$client']) => drizzle(sqlite, { schema }) as unknown as Db;

/** A process id that is certainly not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('background jobs', () => {
  it('run one at a time per kind, refusing a second start with who runs it', () => {
    const { $client: sqlite } = tempDb('mw-jobs-');
    const first = startJob(sqlite, 'verification', ADMIN, { pid: process.pid });
    expect(() => startJob(sqlite, 'verification', { userId: 2, name: 'other@demo.test' })).toThrow(
      `A verification is already running, started by admin@demo.test at ${first.startedAt}.`,
    );
    // Another kind is not held up.
    expect(startJob(sqlite, 'proof.publish', ADMIN).status).toBe('running');
    finishJob(sqlite, first.id, { ok: true, message: 'done' });
    expect(startJob(sqlite, 'verification', ADMIN).id).toBeGreaterThan(first.id);
  });

  it('are held to one running per kind by the database itself', () => {
    const { $client: sqlite } = tempDb('mw-jobs-');
    startJob(sqlite, 'verification', ADMIN, { pid: process.pid });
    const now = new Date().toISOString();
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO jobs (kind, status, requested_by, started_at, host, heartbeat_at, done, total)
           VALUES ('verification', 'running', 'x', ?, 'elsewhere', ?, 0, 0)`,
        )
        .run(now, now),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it('close a job whose runner died as failed, and start a new one', async () => {
    const { $client: sqlite } = tempDb('mw-jobs-');
    const dead = startJob(sqlite, 'verification', ADMIN, { pid: await deadPid() });
    expect(runnerGone(jobById(sqlite, dead.id)!)).toBe(true);
    expect(jobSummary(sqlite, 'verification')).toMatchObject({ running: false, ok: false });
    const next = startJob(sqlite, 'verification', ADMIN);
    expect(jobById(sqlite, dead.id)).toMatchObject({
      status: 'failed',
      ok: false,
      message: 'The runner stopped before finishing (its process is gone).',
    });
    expect(next.status).toBe('running');
  });

  it('show progress while running', () => {
    const { $client: sqlite } = tempDb('mw-jobs-');
    const job = startJob(sqlite, 'proof.publish', ADMIN, { pid: process.pid });
    reportProgress(sqlite, job.id, 250, 1000);
    const view = jobSummary(sqlite, 'proof.publish');
    expect(view.running).toBe(true);
    expect(view.summary).toContain('25% (250 of 1,000)');
  });

  it('record a verification’s result and duration', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    const job = startJob(sqlite, 'verification', ADMIN);
    const done = runJob(asDb(sqlite), job.id);
    expect(done).toMatchObject({ status: 'succeeded', ok: true });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(count(sqlite, 'SELECT count(*) FROM verification_runs')).toBe(1);
    expect(jobSummary(sqlite, 'verification').summary).toMatch(/finished in \d+\.\d s/);
  });

  it('publish a root only when claims changed, reporting progress', async () => {
    const sqlite = await importClaims({ a: { BTC: '1' }, b: { ETH: '2' } });
    publishRoot(sqlite);
    const seen: number[] = [];
    // Slow enough that progress is reported while the tree is read (a write on that cursor's
    // connection would fail the job).
    const slow = (done: number) => {
      seen.push(done);
      const until = Date.now() + 300;
      while (Date.now() < until);
    };
    const same = runJob(asDb(sqlite), startJob(sqlite, 'proof.publish', ADMIN).id, slow);
    expect(same.message).toMatch(
      /^Nothing changed since root [0-9a-f]{64}: nothing was published\.$/,
    );
    // Nothing changed: no tree was built, so none was read.
    expect(seen).toEqual([]);
    adjust(sqlite, 'a', 'BTC', 1n, 'adj');
    const changed = runJob(asDb(sqlite), startJob(sqlite, 'proof.publish', ADMIN).id, slow);
    expect(changed.message).toMatch(/^Published root [0-9a-f]{64} over 2 accounts/);
    expect(seen.length).toBeGreaterThan(0);
    expect(count(sqlite, 'SELECT count(*) FROM proof_roots')).toBe(2);
  });

  it('record a failure with its reason', async () => {
    const { $client: sqlite } = tempDb('mw-jobs-');
    const failed = runJob(asDb(sqlite), startJob(sqlite, 'proof.publish', ADMIN).id);
    expect(failed).toMatchObject({ status: 'failed', ok: false });
    expect(failed.message).toMatch(/No snapshot has been imported/);
    expect(latestJob(sqlite, 'proof.publish')?.status).toBe('failed');
  });
});
