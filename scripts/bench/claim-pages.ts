// Loads /claim, /api/claim and /api/health on an existing bench database, as `npm run bench`
// measures pages, without re-importing: for profiling and before/after comparisons.
//   tsx --conditions=react-server scripts/bench/claim-pages.ts --db FILE
//       [--port 3900] [--seconds 15] [--rounds 1] [--routes /claim,/api/claim,/api/health]
//       [--cpu-prof DIR]
// Needs a production build (`npx next build`). With several rounds the routes take turns, so that
// load from elsewhere on the machine falls on each alike; each figure is the median over rounds.
// Beside requests/s and latency, the server's CPU time per request: what the machine's other
// load moves least, and what bounds requests/s on an idle machine. Prints one JSON line.
import { mkdirSync } from 'node:fs';
import { tsx } from './child';
import {
  BENCH_PASSWORD,
  cpuMs,
  load,
  signInClaimants,
  startServer,
  stopServer,
  waitFor,
  type LoadResult,
} from './pages';

const SESSIONS = 100;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

type RouteRun = LoadResult & { cpuMsPerRequest: number };

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : process.argv[at + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const dbFile = option('db');
  const port = Number(option('port', '3900'));
  const seconds = Number(option('seconds', '15'));
  const rounds = Number(option('rounds', '1'));
  const routes = option('routes', '/claim,/api/claim,/api/health').split(',');
  const cpuProfileDir = process.argv.includes('--cpu-prof') ? option('cpu-prof') : undefined;
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  tsx('scripts/bench/logins-child.ts', [dbFile, String(SESSIONS), BENCH_PASSWORD]);
  // One process: its CPU time per request is the figure this script adds.
  const server = startServer(dbFile, port, { single: true, cpuProfileDir });
  const base = `http://127.0.0.1:${port}`;
  const runs: Record<string, RouteRun[]> = {};
  try {
    await waitFor(`${base}/api/health`);
    const claimants = await signInClaimants(base, SESSIONS);
    // Warm-up: the first requests compile and fill what is filled once per process.
    for (const route of routes) await load(`${base}${route}`, claimants, 2);
    for (let round = 0; round < rounds; round += 1) {
      for (const route of routes) {
        const cpuBefore = cpuMs(server.pid!);
        const loaded = await load(`${base}${route}`, claimants, seconds);
        const result = {
          ...loaded,
          cpuMsPerRequest: (cpuMs(server.pid!) - cpuBefore) / loaded.requests,
        };
        (runs[route] ??= []).push(result);
        console.error(`[claim-pages] round ${round + 1} ${route} ${JSON.stringify(result)}`);
      }
    }
  } finally {
    await stopServer(server);
  }
  const results = Object.fromEntries(
    Object.entries(runs).map(([route, r]) => [
      route,
      {
        p50: median(r.map((x) => x.p50)),
        p99: median(r.map((x) => x.p99)),
        rps: median(r.map((x) => x.rps)),
        cpuMsPerRequest: median(r.map((x) => x.cpuMsPerRequest)),
      },
    ]),
  );
  const trivial = results['/api/health'];
  const ratios = trivial
    ? Object.fromEntries(
        Object.entries(results).map(([route, r]) => [
          route,
          {
            rps: r.rps / trivial.rps,
            p99: r.p99 / trivial.p99,
            // Requests/s this route could serve beside the trivial one's, CPU bound.
            cpuCapacity: trivial.cpuMsPerRequest / r.cpuMsPerRequest,
          },
        ]),
      )
    : {};
  console.log(JSON.stringify({ results, ratios }));
}

void main();
