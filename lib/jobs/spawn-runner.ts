import 'server-only';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Job } from '@/db/schema';
import { claimJob, finishJob } from './jobs';

/**
 * Runs a recorded job in a child process of its own (the command line's `job:run`), so the
 * server's thread keeps answering while it works. Returns at once.
 */
export function spawnJobRunner(sqlite: Database.Database, job: Job): void {
  const child = spawn(
    process.execPath,
    [
      '--conditions=react-server',
      '--import',
      'tsx',
      join('lib', 'cli', 'main.ts'),
      'job:run',
      String(job.id),
    ],
    { cwd: process.cwd(), env: process.env, detached: true, stdio: 'ignore' },
  );
  if (child.pid === undefined) {
    finishJob(sqlite, job.id, { ok: false, message: 'The job runner could not be started.' });
    return;
  }
  claimJob(sqlite, job.id, child.pid);
  child.unref();
}
