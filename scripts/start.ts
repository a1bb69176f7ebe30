// `npm start`: refuses to serve with an incomplete environment, then runs one production server
// process per core (WEB_CONCURRENCY overrides) sharing the port. Every process opens the same
// database file; sessions, throttles, jobs and the outbox live in it, so any process answers any
// request.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import next from 'next';
import { env, productionProblems } from '@/lib/env';

function refuse(reason: string): never {
  console.error(`makewhole: refusing to start: ${reason}`);
  process.exit(1);
}

async function serve(): Promise<void> {
  const { PORT, HOSTNAME } = env();
  const app = next({ dev: false, port: PORT, hostname: HOSTNAME });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((request, response) => void handle(request, response)).listen(PORT, HOSTNAME);
}

function supervise(): void {
  const problems = productionProblems();
  if (problems.length > 0) refuse(problems.join('; '));
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(join(distDir, 'BUILD_ID')))
    refuse('no production build: run `npm run build` first');
  const processes = env().WEB_CONCURRENCY ?? availableParallelism();
  let stopping = false;
  for (let i = 0; i < processes; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // One process lost is a crash, not a shutdown: replace it, so the port keeps answering.
    console.error(
      `makewhole: server process ${worker.process.pid} ended (${signal ?? code}), restarting it`,
    );
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const { PORT, HOSTNAME } = env();
  console.log(
    `makewhole: ${processes} server process(es) on http://${HOSTNAME ?? '0.0.0.0'}:${PORT}`,
  );
}

if (cluster.isPrimary) supervise();
else
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
