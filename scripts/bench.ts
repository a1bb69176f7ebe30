// npm run bench [-- --quick]: measures import, verify, report and pages against floors measured
// in the same run, and writes BENCHMARKS.md. See the "How to read" notes it writes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { onServer, POSTGRES_TEST_URL, withDatabase } from '@/lib/testing/temp-postgres';
import { lastJson, tsx } from './bench/child';
import {
  BENCH_PASSWORD,
  load,
  signIn,
  signInClaimants,
  startServer,
  stopServer,
  waitFor,
  whileJobRuns,
  type DuringJob,
  type LoadResult,
} from './bench/pages';

const QUICK = process.argv.includes('--quick');

/** `--name value` from the command line. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const SIZES =
  option('sizes')?.split(',').map(Number) ?? (QUICK ? [10_000] : [10_000, 100_000, 1_000_000]);
const RUNS = Number(option('runs') ?? (QUICK ? 1 : 3));
const WORK = join(process.cwd(), 'data', 'bench');
const PORT = 3900;

type ImportRun = {
  /** The import's phases (validate and write, index, commit), without the proof root. */
  ms: number;
  /** The whole `import` command: the import, then the proof root. */
  commandMs: number;
  phases: Record<string, number>;
  lines: number;
  maxRssKb: number;
  bytes: number;
};
type VerifyRun = { ms: number; postings: number; maxRssKb: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const log = (line: string) => console.error(`[bench] ${line}`);

function freshDb(name: string): string {
  const file = join(WORK, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return file;
}

/** The floor: the sqlite3 shell importing the same balances.csv into a bare table. */
function sqliteFloorMs(bundle: string): number | null {
  if (spawnSync('sqlite3', ['--version']).status !== 0) return null;
  const db = freshDb('floor');
  const started = process.hrtime.bigint();
  execFileSync('sqlite3', [db, '.mode csv', `.import ${join(bundle, 'balances.csv')} balances`]);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

type PostgresRun = { ms: number; lines: number; maxRssKb: number; bytes: number };

/** A fresh database for one measurement, on the server the PostgreSQL tests use. */
async function freshPostgres(name: string): Promise<string> {
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  return withDatabase(name);
}

type PostgresResult = {
  accounts: number;
  lines: number;
  ms: number;
  floorMs: number | null;
  maxRssMb: number;
  bytesPerLine: number;
  verifyMs: number;
  postingsPerSecond: number;
  verifyRssMb: number;
};

/**
 * The import into PostgreSQL beside its floor, psql's `\copy` of the same balances.csv into a bare
 * table; null when no server answers at POSTGRES_TEST_URL.
 */
async function measurePostgres(accounts: number): Promise<PostgresResult | null> {
  const bundle = join(WORK, `bundle-${accounts}`);
  const url = await freshPostgres(`mw_bench_floor`).catch(() => null);
  if (!url) return null;
  const floors: number[] = [];
  const runs: PostgresRun[] = [];
  const verifies: VerifyRun[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const floorUrl = await freshPostgres('mw_bench_floor');
    execFileSync('psql', [
      floorUrl,
      '-q',
      '-c',
      'CREATE TABLE balances (account_id text, asset text, balance text)',
    ]);
    const started = process.hrtime.bigint();
    execFileSync('psql', [
      floorUrl,
      '-q',
      '-c',
      `\\copy balances FROM '${join(bundle, 'balances.csv')}' CSV HEADER`,
    ]);
    floors.push(Number(process.hrtime.bigint() - started) / 1e6);
    log(`import ${fmt(accounts)} accounts into PostgreSQL, run ${run + 1}/${RUNS}`);
    const importUrl = await freshPostgres(`mw_bench_${accounts}`);
    tsx('lib/cli/main.ts', ['migrate'], { DATABASE_URL: importUrl });
    runs.push(lastJson<PostgresRun>(tsx('scripts/bench/import-pg-child.ts', [bundle, importUrl])));
    log(`verify ${fmt(accounts)} accounts on PostgreSQL, run ${run + 1}/${RUNS}`);
    verifies.push(lastJson<VerifyRun>(tsx('scripts/bench/verify-child.ts', [importUrl])));
  }
  await onServer('DROP DATABASE IF EXISTS mw_bench_floor WITH (FORCE)');
  const lines = runs[0]?.lines ?? 0;
  return {
    accounts,
    lines,
    ms: median(runs.map((r) => r.ms)),
    floorMs: median(floors),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssKb)) / 1024,
    bytesPerLine: (runs.at(-1)?.bytes ?? 0) / lines,
    verifyMs: median(verifies.map((v) => v.ms)),
    postingsPerSecond: median(verifies.map((v) => (v.postings / v.ms) * 1000)),
    verifyRssMb: Math.max(...verifies.map((v) => v.maxRssKb)) / 1024,
  };
}

function postgresSection(results: readonly (PostgresResult | null)[]): string {
  const measured = results.filter((r): r is PostgresResult => r !== null);
  if (measured.length === 0)
    return `_Not measured in this run: no PostgreSQL answered at ${POSTGRES_TEST_URL}._\n`;
  const rows = measured.map((r) => {
    const floor = r.floorMs === null ? 'n/a' : fmt((r.lines / r.floorMs) * 1000);
    const ratio = r.floorMs === null ? 'n/a' : `${fmt(r.ms / r.floorMs, 1)}×`;
    return `| ${fmt(r.accounts)} | ${fmt(r.lines)} | ${fmt(r.ms / 1000, 2)} s | ${fmt((r.lines / r.ms) * 1000)} | ${floor} | ${ratio} | ${fmt(r.maxRssMb)} MB | ${fmt(r.bytesPerLine)} B |`;
  });
  const verifyRows = measured.map(
    (r) =>
      `| ${fmt(r.accounts)} | ${fmt(r.verifyMs / 1000, 2)} s | ${fmt(r.postingsPerSecond)} | ${fmt(r.verifyRssMb)} MB |`,
  );
  return `| accounts | lines | time | lines/s | \`\\copy\` floor lines/s | ours / floor | peak RSS | DB bytes/line |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

\`DATABASE_URL=postgres://… npm run cli -- import\` into a fresh database on the same machine (no
proof root: on PostgreSQL this version imports only). The floor is psql's \`\\copy\` of the same
\`balances.csv\` into a bare table, measured in the same run. Peak RSS is the importing process's;
the server's memory is PostgreSQL's own settings.

| accounts | verify | postings/s | verify peak RSS |
| ---: | ---: | ---: | ---: |
${verifyRows.join('\n')}

\`DATABASE_URL=postgres://… npm run cli -- verify\` of that import: every check of the SQLite
verify, read in one REPEATABLE READ snapshot in pages by key, on one connection.
`;
}

type SizeResult = {
  accounts: number;
  lines: number;
  importMs: number;
  commandMs: number;
  /** Median milliseconds per phase of the `import` command. */
  phases: Record<string, number>;
  linesPerSecond: number;
  maxRssMb: number;
  bytesPerLine: number;
  floorMs: number | null;
  verifyMs: number;
  postingsPerSecond: number;
  verifyRssMb: number;
  reportMs: number;
  proofMs: number;
  proofRssMb: number;
  dbFile: string;
};

function measureSize(accounts: number): SizeResult {
  const bundle = join(WORK, `bundle-${accounts}`);
  if (!existsSync(join(bundle, 'balances.csv'))) {
    log(`generating ${fmt(accounts)} accounts`);
    tsx('lib/cli/main.ts', [
      'generate',
      '--accounts',
      String(accounts),
      '--seed',
      'bench',
      '--out',
      bundle,
    ]);
  }
  const imports: ImportRun[] = [];
  const floors: number[] = [];
  let dbFile = '';
  for (let run = 0; run < RUNS; run += 1) {
    const floor = sqliteFloorMs(bundle);
    if (floor !== null) floors.push(floor);
    dbFile = freshDb(`makewhole-${accounts}`);
    log(`import ${fmt(accounts)} accounts, run ${run + 1}/${RUNS}`);
    imports.push(lastJson<ImportRun>(tsx('scripts/bench/import-child.ts', [bundle, dbFile])));
  }
  const verifies: VerifyRun[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    log(`verify ${fmt(accounts)} accounts, run ${run + 1}/${RUNS}`);
    verifies.push(lastJson<VerifyRun>(tsx('scripts/bench/verify-child.ts', [dbFile])));
  }
  log(`proof root over ${fmt(accounts)} accounts`);
  const proof = lastJson<{ ms: number; maxRssKb: number }>(
    tsx('scripts/bench/proof-child.ts', [dbFile]),
  );
  const reports: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = process.hrtime.bigint();
    tsx('lib/cli/main.ts', ['report', '--json'], { DATABASE_URL: `file:${dbFile}` });
    reports.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const importMs = median(imports.map((r) => r.ms));
  const lines = imports[0]?.lines ?? 0;
  const verifyMs = median(verifies.map((r) => r.ms));
  return {
    accounts,
    lines,
    importMs,
    commandMs: median(imports.map((r) => r.commandMs)),
    phases: medianPhases(imports),
    linesPerSecond: (lines / median(imports.map((r) => r.commandMs))) * 1000,
    maxRssMb: Math.max(...imports.map((r) => r.maxRssKb)) / 1024,
    bytesPerLine: statSync(dbFile).size / lines,
    floorMs: floors.length ? median(floors) : null,
    verifyMs,
    postingsPerSecond: ((verifies[0]?.postings ?? 0) / verifyMs) * 1000,
    verifyRssMb: Math.max(...verifies.map((r) => r.maxRssKb)) / 1024,
    reportMs: median(reports),
    proofMs: proof.ms,
    proofRssMb: proof.maxRssKb / 1024,
    dbFile,
  };
}

function medianPhases(runs: readonly ImportRun[]): Record<string, number> {
  const names = Object.keys(runs[0]?.phases ?? {});
  return Object.fromEntries(
    names.map((name) => [name, median(runs.map((r) => r.phases[name] ?? NaN))]),
  );
}

// ---- pages -------------------------------------------------------------------------------

type RouteLoads = {
  accounts: number;
  reconciliationMedianMs: number;
  reconciliationP95Ms: number;
  claim: LoadResult;
  claimApi: LoadResult;
  trivial: LoadResult;
};

type PageResult = {
  /** One entry per size, smallest first. */
  loads: RouteLoads[];
  sessions: number;
  processes: number;
  duringPublish: DuringJob;
  duringVerify: DuringJob;
};

const SESSIONS = 100;

/**
 * The server on one size's database: the reconciliation page, then /claim, /api/claim and the
 * trivial route under load; at the largest size also while a root is published and verify runs.
 */
async function measureServer(
  accounts: number,
  dbFile: string,
  withJobs: boolean,
): Promise<{ loads: RouteLoads; jobs: Pick<PageResult, 'duringPublish' | 'duringVerify'> | null }> {
  log(`creating ${SESSIONS} claimant logins and one admin at ${fmt(accounts)} accounts`);
  tsx('scripts/bench/logins-child.ts', [dbFile, String(SESSIONS), BENCH_PASSWORD]);
  const server = startServer(dbFile, PORT);
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitFor(`${base}/api/health`);
    const admin = await signIn(base, 'admin@demo.test');
    const claimants = await signInClaimants(base, SESSIONS);
    const times: number[] = [];
    for (let i = 0; i < 23; i += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/admin/reconciliation`, { headers: { cookie: admin } });
      await response.text();
      if (!response.ok) throw new Error(`/admin/reconciliation answered ${response.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    log(`loading /claim, /api/claim and /api/health with 100 connections at ${fmt(accounts)}`);
    const seconds = QUICK ? 5 : 15;
    const claim = await load(`${base}/claim`, claimants, seconds);
    const claimApi = await load(`${base}/api/claim`, claimants, seconds);
    const trivial = await load(`${base}/api/health`, claimants, seconds);
    const sorted = [...times].sort((a, b) => a - b);
    const loads = {
      accounts,
      reconciliationMedianMs: median(times),
      reconciliationP95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
      claim,
      claimApi,
      trivial,
    };
    if (!withJobs) return { loads, jobs: null };
    log('proof downloads and /api/health while a proof root is published');
    const duringPublish = await whileJobRuns(base, claimants[0] ?? '', [
      'scripts/bench/proof-child.ts',
      dbFile,
    ]);
    log('proof downloads and /api/health while verify runs');
    const duringVerify = await whileJobRuns(base, claimants[0] ?? '', [
      'scripts/bench/verify-child.ts',
      dbFile,
    ]);
    return { loads, jobs: { duringPublish, duringVerify } };
  } finally {
    await stopServer(server);
  }
}

async function measurePages(sizes: readonly SizeResult[]): Promise<PageResult> {
  log('building the production server');
  execFileSync('npx', ['next', 'build'], { stdio: 'ignore' });
  const loads: RouteLoads[] = [];
  let jobs: Pick<PageResult, 'duringPublish' | 'duringVerify'> | null = null;
  for (const [index, size] of sizes.entries()) {
    const measured = await measureServer(size.accounts, size.dbFile, index === sizes.length - 1);
    loads.push(measured.loads);
    jobs = measured.jobs ?? jobs;
  }
  if (!jobs) throw new Error('the largest size measured no jobs');
  return {
    loads,
    ...jobs,
    sessions: SESSIONS,
    processes: Number(process.env.WEB_CONCURRENCY ?? availableParallelism()),
  };
}

// ---- report ------------------------------------------------------------------------------

function machine(): string {
  const sqliteVersion =
    spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout?.split(' ')[0] ?? 'absent';
  return [
    `- CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, memory ${fmt(totalmem() / 2 ** 30, 1)} GiB`,
    `- Node ${process.version}, sqlite3 shell ${sqliteVersion}`,
    `- Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`, ${RUNS} run(s) per figure (median), ${new Date().toISOString()}`,
  ].join('\n');
}

function write(
  sizes: SizeResult[],
  pages: PageResult | null,
  postgres: readonly (PostgresResult | null)[],
): void {
  const rows = sizes.map((s) => {
    const ratio = s.floorMs === null ? 'n/a' : `${fmt(s.commandMs / s.floorMs, 1)}×`;
    const floorRate = s.floorMs === null ? 'n/a' : fmt((s.lines / s.floorMs) * 1000);
    return `| ${fmt(s.accounts)} | ${fmt(s.lines)} | ${fmt(s.commandMs / 1000, 2)} s | ${fmt(s.linesPerSecond)} | ${floorRate} | ${ratio} | ${fmt(s.maxRssMb)} MB | ${fmt(s.bytesPerLine)} B |`;
  });
  const phaseNames = Object.keys(sizes[0]?.phases ?? {});
  const phaseRows = sizes.map(
    (s) =>
      `| ${fmt(s.accounts)} | ${phaseNames.map((name) => `${fmt((s.phases[name] ?? NaN) / 1000, 2)} s`).join(' | ')} | ${fmt(s.commandMs / 1000, 2)} s |`,
  );
  const verifyRows = sizes.map(
    (s) =>
      `| ${fmt(s.accounts)} | ${fmt(s.verifyMs / 1000, 2)} s | ${fmt(s.postingsPerSecond)} | ${fmt(s.verifyRssMb)} MB | ${fmt(s.reportMs)} ms | ${fmt(s.proofMs / 1000, 2)} s (${fmt(s.proofRssMb)} MB) |`,
  );
  const pageSection = pages
    ? pagesSection(pages)
    : '_Pages were not measured in this run (`--quick`)._';
  const text = `# Benchmarks

Written by \`npm run bench\`; every figure below comes from the run described here.

${machine()}

## Import (the whole \`import\` command: read, validate, compute claims, write the ledger, index, commit, publish the proof root)

| accounts | lines | time | lines/s | sqlite3 floor lines/s | ours / floor | peak RSS | DB bytes/line |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

The floor is the sqlite3 shell importing the same \`balances.csv\` into a bare table with no
validation, no index and no ledger, measured in the same run. Targets at 1,000,000 accounts:
≥ 250,000 lines/s, within 4× the floor, peak memory under 512 MB at every size. Time, lines/s and
peak RSS are the whole \`import\` command's, proof root included.

### The \`import\` command, phase by phase

| accounts | ${phaseNames.join(' | ')} | whole command |
| ---: | ${phaseNames.map(() => '---:').join(' | ')} | ---: |
${phaseRows.join('\n')}

Rows are validated and written in one streaming pass; \`index\` builds the secondary indexes the
first import loads its empty tables without; \`proof root\` is the root published right after.

### On PostgreSQL

${postgresSection(postgres)}
## Verify and report

| accounts | verify | postings/s | verify peak RSS | \`report --json\` (whole command) | proof root build (peak RSS) |
| ---: | ---: | ---: | ---: | ---: | ---: |
${verifyRows.join('\n')}

Target: verify ≥ 1,000,000 postings/s.

## Pages

${pageSection}
`;
  writeFileSync('BENCHMARKS.md', text + growth(sizes) + projection(sizes) + keptAnalysis());
}

const ratioTo = (value: number, trivial: number) => `${fmt(value / trivial, 2)}×`;

function pagesSection(pages: PageResult): string {
  const row = (accounts: number, name: string, r: LoadResult, trivial: LoadResult) =>
    `| ${fmt(accounts)} | ${name} | ${r.p50} ms | ${r.p99} ms | ${fmt(r.rps)} | ${ratioTo(r.rps, trivial.rps)} | ${ratioTo(r.p99, trivial.p99)} |`;
  const job = (name: string, j: DuringJob) =>
    `| ${name} | ${fmt(j.jobMs / 1000, 1)} s | ${fmt(j.health.p99, 1)} ms | ${fmt(j.health.max, 1)} ms | ${fmt(j.proof.count)} | ${fmt(j.proof.p50, 1)} ms | ${fmt(j.proof.p99, 1)} ms | ${fmt(j.proof.max, 1)} ms |`;
  const largest = pages.loads.at(-1)?.accounts ?? 0;
  return [
    `Production build started by \`npm start\` (${pages.processes} server processes), ${pages.sessions} signed-in claimants, 100 connections, on each size's database:`,
    '',
    '| accounts | route | p50 | p99 | requests/s | requests/s ÷ trivial | p99 ÷ trivial |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...pages.loads.flatMap((l) => [
      row(l.accounts, '`/claim`', l.claim, l.trivial),
      row(l.accounts, '`/api/claim`', l.claimApi, l.trivial),
      row(l.accounts, '`/api/health` (trivial)', l.trivial, l.trivial),
    ]),
    '',
    "Targets at 1,000,000 accounts: `/claim` and `/api/claim` each ≥ 0.5× the trivial route's requests/s, p99 ≤ 3× its p99.",
    '',
    '`/admin/reconciliation` (admin session, sequential, after warm-up; target < 200 ms):',
    '',
    ...pages.loads.map(
      (l) =>
        `- ${fmt(l.accounts)} accounts: median ${fmt(l.reconciliationMedianMs, 1)} ms, p95 ${fmt(l.reconciliationP95Ms, 1)} ms`,
    ),
    '',
    '### While whole-tree and whole-ledger work runs',
    '',
    `At ${fmt(largest)} accounts, each job runs in its own process beside the server, as the server's background jobs do; meanwhile one client fetches \`/api/health\` and another a claimant's proof download, each request after the last.`,
    '',
    '| job | job time | `/api/health` p99 | `/api/health` worst | proof downloads | proof p50 | proof p99 | proof worst |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    job('publishing a proof root', pages.duringPublish),
    job('verify', pages.duringVerify),
  ].join('\n');
}

/** What 10,000,000 accounts would take, from the largest size's measured cost per line. */
function projection(sizes: SizeResult[]): string {
  const last = sizes.at(-1);
  if (!last || last.accounts < 100_000) return '';
  const scale = 10_000_000 / last.accounts;
  const lines = last.lines * scale;
  const phaseRows = Object.entries(last.phases).map(
    ([name, ms]) =>
      `| ${name} | ${fmt(ms / 1000, 1)} s | ${fmt((ms * scale) / 1000 / 60, 1)} min |`,
  );
  const previous = sizes.at(-2);
  const rssPerAccount =
    previous && previous.accounts < last.accounts
      ? (last.maxRssMb - previous.maxRssMb) / (last.accounts - previous.accounts)
      : 0;
  const rss = last.maxRssMb + rssPerAccount * (10_000_000 - last.accounts);
  return [
    '',
    '## Projection to 10,000,000 accounts',
    '',
    `From the cost per line measured at ${fmt(last.accounts)} accounts (${fmt(lines)} balance lines at the same lines per account), scaled linearly:`,
    '',
    `| import phase | measured at ${fmt(last.accounts)} | projected at 10,000,000 |`,
    '| --- | ---: | ---: |',
    ...phaseRows,
    `| whole command | ${fmt(last.commandMs / 1000, 1)} s | ${fmt((last.commandMs * scale) / 1000 / 60, 1)} min |`,
    '',
    `- Disk: ${fmt(last.bytesPerLine)} B per line → about ${fmt((last.bytesPerLine * lines) / 2 ** 30, 1)} GiB for the database file.`,
    `- Verify: ${fmt((last.verifyMs * scale) / 1000 / 60, 1)} min at the measured ${fmt(last.postingsPerSecond)} postings/s.`,
    `- Peak memory of the import: ${fmt(rss)} MB if it keeps growing as it did from ${fmt(previous?.accounts ?? 0)} to ${fmt(last.accounts)} accounts (${fmt(rssPerAccount * 1e6, 1)} MB per million accounts).`,
    '',
  ].join('\n');
}

/** Whether cost per line stays flat as the bundle grows ten and a hundred times. */
function growth(sizes: SizeResult[]): string {
  if (sizes.length < 2) return '';
  const perLine = sizes.map(
    (s) => `${fmt(s.accounts)} accounts: ${fmt((s.commandMs * 1000) / s.lines, 2)} µs/line`,
  );
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const change = (last.commandMs / last.lines / (first.commandMs / first.lines) - 1) * 100;
  return `\n## How cost grows\n\nWhole \`import\` command's cost per line: ${perLine.join('; ')} — ${fmt(change)}% from the smallest to the largest bundle (0% would be perfectly linear).\n`;
}

/** The hand-written analysis below the measured sections survives a new run. */
function keptAnalysis(): string {
  if (!existsSync('BENCHMARKS.md')) return '';
  const current = readFileSync('BENCHMARKS.md', 'utf8');
  const at = current.indexOf('\n## Analysis');
  return at === -1 ? '' : current.slice(at);
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const sizes = SIZES.map(measureSize);
  const postgres: (PostgresResult | null)[] = [];
  for (const accounts of SIZES) postgres.push(await measurePostgres(accounts));
  write(sizes, null, postgres);
  if (QUICK || sizes.length === 0) return log('wrote BENCHMARKS.md');
  write(sizes, await measurePages(sizes), postgres);
  log('wrote BENCHMARKS.md');
}

void main();
