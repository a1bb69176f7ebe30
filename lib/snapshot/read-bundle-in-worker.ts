import { startTsWorker } from '@/lib/workers/ts-worker';
import { Problems, type ProblemsSnapshot } from './problems';
import type { BundleReading, ReadBundleOptions } from './read-bundle';
import type { AccountRow, BalanceRow } from './rows';

type Message =
  | { type: 'assets'; assets: Parameters<NonNullable<ReadBundleOptions['onAssets']>>[0] }
  | { type: 'accounts'; rows: [AccountRow, number][] }
  | { type: 'balances'; rows: [BalanceRow, number][]; last?: boolean }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; reading: Omit<BundleReading, 'problems'>; problems: ProblemsSnapshot };

/**
 * Same as readBundle, with the reading and validation on a worker thread: the callbacks still run
 * here, on the thread that owns the database connection. The worker runs TypeScript through the
 * loader this process was started with (tsx), so this is for the command line, not the web server.
 */
export function readBundleInWorker(
  dir: string,
  options: ReadBundleOptions = {},
): Promise<BundleReading> {
  const problems = options.problems ?? new Problems();
  return new Promise((resolve, reject) => {
    const worker = startTsWorker('lib/snapshot/parse-worker.ts', { dir });
    const fail = (error: unknown) => {
      void worker.terminate();
      reject(error);
    };
    worker.on('error', fail);
    worker.on('message', (message: Message) => {
      try {
        switch (message.type) {
          case 'assets':
            options.onAssets?.(message.assets);
            break;
          case 'accounts':
            for (const [row, line] of message.rows) void options.onAccount?.(row, line);
            worker.postMessage('ack');
            break;
          case 'balances':
            for (const [row, line] of message.rows) void options.onBalance?.(row, line);
            if (!message.last) worker.postMessage('ack');
            break;
          case 'progress':
            options.onProgress?.(message.done, message.total);
            break;
          case 'done':
            problems.absorb(message.problems);
            void worker.terminate();
            resolve({ ...message.reading, ok: !problems.hasErrors, problems });
            break;
        }
      } catch (error) {
        fail(error);
      }
    });
  });
}
