import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { jobById, startJob } from '@/lib/jobs/jobs';
import { runJob } from '@/lib/jobs/run-job';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';
import { progressBar } from '../progress';

/** Publishes the proof root of the current claims here, one publication at a time. */
export const proofPublishCommand: Command = {
  name: 'proof:publish',
  usage: 'proof:publish',
  summary:
    'publish the Merkle-sum root of the current claims and keep its tree (nothing new if no claim changed)',
  run(argv) {
    parseOptions(argv, {});
    const db = getDb();
    let jobId: number;
    try {
      jobId = startJob(
        db.$client,
        'proof.publish',
        { userId: null, name: 'cli' },
        { pid: process.pid },
      ).id;
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.userMessage);
      throw error;
    }
    const bar = progressBar('Building the tree');
    const job = (() => {
      try {
        return runJob(db, jobId, bar.update);
      } finally {
        bar.stop();
      }
    })();
    if (!job.ok) throw new RefusedError(`Publishing FAILED: ${job.message}`);
    console.log(job.message);
  },
};

/** What a server's background job runs in its child process. */
export const jobRunCommand: Command = {
  name: 'job:run',
  usage: 'job:run <job-id>',
  summary: 'run a recorded background job (started from the web pages)',
  run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isSafeInteger(id) || id < 1)
      throw new UsageError('expected one job id');
    const db = getDb();
    if (!jobById(db.$client, id)) throw new RefusedError(`No job ${id}.`);
    const job = runJob(db, id);
    if (!job.ok) throw new RefusedError(`Job ${id} FAILED: ${job.message}`);
  },
};
