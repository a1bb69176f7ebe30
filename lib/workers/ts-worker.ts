import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts a TypeScript module (a path from the repository root) on a worker thread. Workers do not
 * inherit the TypeScript loader, so the boot code registers tsx first: this is for the command
 * line and tests, not the web server.
 */
export function startTsWorker(modulePath: string, workerData: unknown): Worker {
  const boot = `require('tsx/cjs'); require(${JSON.stringify(join(process.cwd(), modulePath))});`;
  return new Worker(boot, { eval: true, workerData });
}

/** Runs a worker module that posts exactly one message, and resolves with it. */
export function runInWorker<T>(modulePath: string, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(modulePath, workerData);
    worker.once('message', (message: T) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
