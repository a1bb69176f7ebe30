/**
 * Test helper: racers on worker threads or in child processes, each with its own SQLite
 * connection, released together to make the same request through a domain function.
 */
import { fork } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { Attempt, Outcome, RaceOrder, RacerMessage } from './racer';

export type { Attempt, Outcome } from './racer';

const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Bundles racer.ts and everything it imports into one file, as a server build does (with the
 * react-server condition), so that a racer starts by loading one file and not through tsx.
 * better-sqlite3 stays outside, by absolute path, since it loads a native binary.
 */
export async function bundleRacer(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'mw-racer-')), 'racer.cjs');
  await build({
    entryPoints: [join(process.cwd(), 'lib', 'testing', 'racer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['react-server'],
    tsconfig: join(process.cwd(), 'tsconfig.json'),
    logLevel: 'silent',
    plugins: [
      {
        name: 'native-sqlite',
        setup(bundler) {
          bundler.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: nativeModule,
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}

export type Racer = {
  start(order: RaceOrder): void;
  /** A child process cannot share memory: it is released by a message instead of the gate. */
  release(): void;
  next(): Promise<RacerMessage>;
  stop(): Promise<unknown>;
};

/** The racer's messages in order; a racer that fails or exits fails whoever waits on it. */
function mailbox(emitter: EventEmitter): () => Promise<RacerMessage> {
  const queue: RacerMessage[] = [];
  const waiting: { resolve: (m: RacerMessage) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | null = null;
  emitter.on('message', (message: RacerMessage) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  emitter.on('error', fail);
  emitter.on('exit', (code: number) => fail(new Error(`a racer exited with code ${code}`)));
  return () => {
    const message = queue.shift();
    if (message) return Promise.resolve(message);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

export function startThreads(bundle: string, count: number): Racer[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(bundle);
    return {
      start: (order) => worker.postMessage(order),
      release: () => {},
      next: mailbox(worker),
      stop: () => worker.terminate(),
    };
  });
}

export function startProcesses(bundle: string, count: number): Racer[] {
  return Array.from({ length: count }, () => {
    const child = fork(bundle, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return {
      start: ({ gate: _shared, ...order }) => child.send(order),
      release: () => child.send('go'),
      next: mailbox(child),
      stop: () => {
        child.disconnect();
        return exited;
      },
    };
  });
}

export async function stopRacers(racers: readonly Racer[]): Promise<void> {
  await Promise.all(racers.map((racer) => racer.stop()));
}

/**
 * Every racer opens `file` and makes `each` attempts; all wait until the last one is ready, then
 * start together. Returns how many attempts ended each way.
 */
export async function race(
  racers: readonly Racer[],
  { file, attempt, each }: { file: string; attempt: Attempt; each: number },
): Promise<Record<Outcome, number>> {
  const gate = new SharedArrayBuffer(4);
  racers.forEach((racer, i) => racer.start({ file, attempt, count: each, first: i * each, gate }));
  for (const message of await Promise.all(racers.map((racer) => racer.next())))
    if (message.type !== 'ready') throw new Error(`a racer was not ready: ${message.type}`);
  const view = new Int32Array(gate);
  Atomics.store(view, 0, 1);
  Atomics.notify(view, 0);
  for (const racer of racers) racer.release();
  const tally: Record<Outcome, number> = {};
  for (const message of await Promise.all(racers.map((racer) => racer.next()))) {
    if (message.type !== 'done') throw new Error(`a racer did not finish: ${message.type}`);
    for (const outcome of message.outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
  }
  return tally;
}
