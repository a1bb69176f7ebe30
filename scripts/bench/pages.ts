// Serving and loading pages for the benchmarks: a production server on a bench database,
// signed-in sessions through next-auth's own flow, and autocannon at 100 connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { currentTotp } from '@/lib/auth/totp';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';

export const BENCH_PASSWORD = 'bench-password-long';

export type LoadResult = { p50: number; p99: number; rps: number; requests: number };

/**
 * A production server on the database: by default as `npm start` runs it (one process per core
 * on the one port, scripts/start.ts); with `single`, one `next start` process, whose CPU time and
 * profile are its own. With `cpuProfileDir` (single only), node writes a CPU profile there when
 * the server exits.
 */
export function startServer(
  dbFile: string,
  port: number,
  options: { single?: boolean; cpuProfileDir?: string } = {},
): ChildProcess {
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const next = join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  const args =
    options.single || options.cpuProfileDir
      ? [...profile, next, 'start', '-p', String(port), '-H', '127.0.0.1']
      : ['--import', 'tsx', join('scripts', 'start.ts')];
  return spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${dbFile}`,
      NEXTAUTH_SECRET: 'bench-only-secret-0123456789abcdef012345',
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: 'ignore',
    detached: true,
  });
}

/** Stops a server started by startServer and waits until it has gone (its profile written). */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (!server.pid || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(-server.pid, 'SIGINT');
  await exited;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** sysconf(_SC_CLK_TCK): 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in time`);
}

/** The staff two-factor code for a login with a demo key, else nothing. */
function codeFor(email: string): string {
  const secret = DEMO_TOTP_SECRETS[email];
  return secret ? currentTotp(secret) : '';
}

/** Signs in through next-auth's credentials flow and returns the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = (csrf.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({
      csrfToken,
      email,
      password: BENCH_PASSWORD,
      code: codeFor(email),
      json: 'true',
    }),
  });
  const session = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email}`);
  return session.split(';')[0] ?? '';
}

/** The session cookies of the bench claimants 1..count (scripts/bench/logins-child.ts). */
export async function signInClaimants(base: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 1; i <= count; i += 1)
    cookies.push(await signIn(base, `bench-claimant-${i}@bench.test`));
  return cookies;
}

/** 100 connections for `durationSeconds`, each connection one of the sessions, round robin. */
export async function load(
  url: string,
  cookies: string[],
  durationSeconds: number,
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: 100,
    duration: durationSeconds,
    setupClient: (client) => {
      const cookie = cookies[next % cookies.length] ?? '';
      next += 1;
      client.setHeaders({ cookie });
    },
  });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} responses were not 2xx`);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    requests: result.requests.total,
  };
}

export type Latencies = { count: number; p50: number; p99: number; max: number };

function latencies(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** Fetches `url` one request after another until `until` settles; each request's latency. */
async function probe(url: string, cookie: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

export type DuringJob = { jobMs: number; health: Latencies; proof: Latencies };

/**
 * Runs a whole-tree or whole-ledger job (a script and its arguments) in its own process beside
 * the server, as the server's background jobs run, and measures how the server answers
 * meanwhile: `/api/health` and a claimant's proof download, each fetched back to back.
 */
export async function whileJobRuns(
  base: string,
  cookie: string,
  [script, ...args]: string[],
): Promise<DuringJob> {
  const started = performance.now();
  const job = new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', script ?? '', ...args],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script}: ${code}`))));
  });
  const [health, proof] = await Promise.all([
    probe(`${base}/api/health`, cookie, job),
    probe(`${base}/api/claim/proof`, cookie, job),
    job,
  ]);
  return { jobMs: performance.now() - started, health: latencies(health), proof: latencies(proof) };
}
