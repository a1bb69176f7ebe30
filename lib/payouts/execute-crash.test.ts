import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { hasNothingOwed } from '@/lib/claims/claim-events';
import { getClaim } from '@/lib/claims/get-claim';
import { createRandom } from '@/lib/snapshot/prng';
import { generateBundle } from '@/lib/snapshot/generate';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { walBytes, walCommitWatcher, WAL_HEADER_BYTES } from '@/lib/testing/wal';
import { approveBatch } from './approve-batch';
import { createBatch } from './create-batch';
import { executeBatch } from './execute-batch';
import {
  booksReconcile,
  claimant,
  clean,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from './finance-fixture';

const CHILD = join(process.cwd(), 'lib', 'payouts', 'testing', 'execute-batch-child.ts');
// Enough accounts (about 15,000 batch lines) that executing the batch takes about half a second.
const ACCOUNTS = 3000;
const REFERENCE = '0xcrash-test-payment';
// Printed, so that a failure of the randomised kills can be replayed with MW_CRASH_SEED.
const SEED = process.env.MW_CRASH_SEED ?? String(Date.now());

let template = '';
/** A run leaves a 13 MB database and its WAL behind: each is removed once checked. */
function removeDirOf(file: string): void {
  if (file.startsWith(tmpdir())) rmSync(dirname(file), { recursive: true, force: true });
}
let batchId = 0;
let lineCount = 0;
/** From an uninterrupted run: spawn → start of execution → commit, in ms. */
const measured = { executingMs: 0, committedMs: 0, executeMs: 0 };

/** A database with every claim acknowledged and one approved batch paying all of them. */
async function buildTemplate(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-payout-crash-'));
  await generateBundle({ accounts: ACCOUNTS, seed: 'payout-crash', outDir: join(dir, 'bundle') });
  template = join(dir, 'template.db');
  const db = openDatabase(template);
  // Building the fixture needs no durability: thousands of commits without fsync.
  db.$client.pragma('synchronous = OFF');
  await importBundle(db, { dir: join(dir, 'bundle'), actor: 'test' });
  const accountIds = db.$client.prepare('SELECT id FROM accounts').pluck().all() as string[];
  for (const accountId of accountIds) {
    const claim = getClaim(db.$client, accountId);
    if (!claim || hasNothingOwed(claim)) continue;
    acknowledgeClaim(db.$client, { accountId, version: claim.version, actor: claimant(accountId) });
  }
  ({ batchId, lineCount } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 }));
  approveBatch(db, { batchId, actor: FINANCE_2 });
  expect(booksReconcile(db)).toEqual(clean);
  db.$client.close();
}

function freshCopy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mw-payout-crash-db-')), 'makewhole.db');
  copyFileSync(template, file);
  return file;
}

/**
 * When to SIGKILL the child: ms after spawning it; ms after it announced it is executing; as soon
 * as the WAL file holds a page of its writes (a commit is being written); as soon as the WAL holds
 * a commit; once it announced the end of the execution; or never.
 */
type KillPoint =
  | { afterMs: number }
  | { afterExecutingMs: number }
  | { walFrames: true }
  | { walCommit: true }
  | { committed: true }
  | { never: true };

type Run = {
  fate: 'killed' | 'finished';
  executingMs: number | null;
  committedMs: number | null;
  executeMs: number | null;
  /** Size of the WAL file left behind by the child, before anyone reopens the database. */
  walBytes: number;
};

/** Starts the child that executes the batch, and SIGKILLs it at the point given. */
function executeAndKill(dbFile: string, point: KillPoint): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Load tsx into this one process (not through tsx's binary, whose grandchild would survive).
    const child = spawn(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        CHILD,
        String(batchId),
        REFERENCE,
        String(FINANCE_2.id),
        FINANCE_2.email,
      ],
      { env: { ...process.env, DATABASE_URL: `file:${dbFile}` }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const run: Run = {
      fate: 'finished',
      executingMs: null,
      committedMs: null,
      executeMs: null,
      walBytes: 0,
    };
    const timers: NodeJS.Timeout[] = [];
    const kill = () => child.kill('SIGKILL');
    if ('afterMs' in point) timers.push(setTimeout(kill, point.afterMs));
    const onExecuting = () => {
      if ('afterExecutingMs' in point) timers.push(setTimeout(kill, point.afterExecutingMs));
      if ('walFrames' in point) {
        timers.push(setInterval(() => walBytes(dbFile) > WAL_HEADER_BYTES && kill(), 1));
      }
      if ('walCommit' in point) {
        const committed = walCommitWatcher(dbFile);
        timers.push(setInterval(() => committed() && kill(), 1));
      }
    };
    const onCommitted = (executeMs: number) => {
      run.executeMs = executeMs;
      if ('committed' in point) kill();
      else if ('never' in point) child.stdin.end();
    };
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.startsWith('{'))) {
        const message = JSON.parse(line) as { event: string; executeMs?: number };
        const at = performance.now() - started;
        if (message.event === 'executing') {
          run.executingMs = at;
          onExecuting();
        } else if (message.event === 'committed') {
          run.committedMs = at;
          onCommitted(message.executeMs ?? 0);
        }
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      timers.forEach(clearTimeout);
      if (signal === 'SIGKILL') run.fate = 'killed';
      else if (code !== 0) {
        // Prefixed, so that the test runner does not read the child's stack as this process's.
        const output = stderr.replace(/^/gm, 'child| ');
        return reject(new Error(`the child failed (${code ?? signal}):\n${output}`));
      }
      // The child waits for its stdin to close after committing: every kill point is reached.
      if (!('never' in point) && run.fate !== 'killed') {
        return reject(new Error(`the child ended before its kill at ${JSON.stringify(point)}`));
      }
      run.walBytes = walBytes(dbFile);
      resolve(run);
    });
    // Ending the stdin of a child that was just killed may fail: nothing is lost.
    child.stdin.on('error', () => {});
  });
}

/** What the batch looks like in the books: one of exactly two shapes is allowed. */
function batchState(db: Db) {
  const one = (sql: string, ...params: unknown[]) =>
    db.$client
      .prepare(sql)
      .pluck()
      .get(...params) as number | string;
  return {
    status: one('SELECT status FROM payout_batches WHERE id = ?', batchId),
    executions: one(
      "SELECT count(*) FROM ledger_transactions WHERE kind = 'payout.batch_executed'",
    ),
    payoutPostings: one(
      "SELECT count(*) FROM ledger_postings WHERE account LIKE 'paid:%' OR account = 'program:payouts'",
    ),
    // Lines whose paid account holds exactly the line's amount: paid once, not twice, not part.
    paidLines: one(
      `SELECT count(*) FROM payout_items i JOIN ledger_balances b
         ON b.account = 'paid:' || i.account_id AND b.asset = i.asset AND b.units = i.amount_units
       WHERE i.batch_id = ?`,
      batchId,
    ),
    liveItems: one('SELECT count(*) FROM payout_items WHERE batch_id = ? AND live = 1', batchId),
    audits: one("SELECT count(*) FROM audit_events WHERE action = 'payout.batch_executed'"),
  };
}

const unexecuted = () => ({
  status: 'approved',
  executions: 0,
  payoutPostings: 0,
  paidLines: 0,
  liveItems: lineCount,
  audits: 0,
});

const executed = () => ({
  status: 'executed',
  executions: 1,
  payoutPostings: 2 * lineCount,
  paidLines: lineCount,
  liveItems: 0,
  audits: 1,
});

type Observed = { point: string; run: Run; left: 'unexecuted' | 'executed' };
const observed: Observed[] = [];

/** Kills a run, checks all-or-nothing and clean books, then executes again and checks again. */
async function killAndRecover(point: KillPoint, name: string): Promise<Observed> {
  const dbFile = freshCopy();
  const run = await executeAndKill(dbFile, point);
  const db = openDatabase(dbFile);
  try {
    const state = batchState(db);
    const left = state.status === 'executed' ? 'executed' : 'unexecuted';
    expect(state).toEqual(left === 'executed' ? executed() : unexecuted());
    expect(booksReconcile(db)).toEqual(clean);

    const again = executeBatch(db, { batchId, reference: REFERENCE, actor: FINANCE_2 });
    expect(again).toEqual({ batchId, replayed: left === 'executed' });
    expect(batchState(db)).toEqual(executed());
    // A replay writes nothing: only a fresh execution needs the books checked again.
    if (!again.replayed) expect(booksReconcile(db)).toEqual(clean);
    const result = { point: name, run, left } as const;
    observed.push(result);
    return result;
  } finally {
    db.$client.close();
    removeDirOf(dbFile);
  }
}

beforeAll(async () => {
  console.log(`payout crash test: MW_CRASH_SEED=${SEED}`);
  await buildTemplate();
  const first = await killAndRecover({ never: true }, 'never killed');
  expect(first.run.fate).toBe('finished');
  // The first run starts cold; time a second one too, and keep the shorter times.
  const copy = freshCopy();
  const second = await executeAndKill(copy, { never: true });
  removeDirOf(copy);
  const shorter = (a: number | null, b: number | null) => Math.min(a ?? Infinity, b ?? Infinity);
  measured.executingMs = shorter(first.run.executingMs, second.executingMs);
  measured.committedMs = shorter(first.run.committedMs, second.committedMs);
  measured.executeMs = shorter(first.run.executeMs, second.executeMs);
  console.log(
    `payout crash test: ${lineCount} lines; uninterrupted run executing at ${Math.round(measured.executingMs)} ms, committed at ${Math.round(measured.committedMs)} ms (execution ${Math.round(measured.executeMs)} ms)`,
  );
}, 60_000);

afterAll(() => {
  removeDirOf(template);
  for (const { point, run, left } of observed) {
    const at = (ms: number | null) => (ms === null ? '-' : `${Math.round(ms)} ms`);
    console.log(
      `  ${point}: ${run.fate}, executing ${at(run.executingMs)}, committed ${at(run.committedMs)}, WAL ${run.walBytes} bytes, left ${left}`,
    );
  }
});

describe('a payout execution killed at any moment', () => {
  // Spread over the whole measured run: start-up, loading, writing, committing.
  for (const share of [0.3, 0.8]) {
    it(`pays every line once or not at all when killed at ${share * 100}% of the run`, async () => {
      await killAndRecover({ afterMs: share * measured.committedMs }, `${share * 100}% of the run`);
    });
  }

  // Timed from the moment the child starts executing: inside its one transaction.
  for (const share of [0.2, 0.5]) {
    it(`pays nothing when killed ${share * 100}% into the execution`, async () => {
      const { left } = await killAndRecover(
        { afterExecutingMs: share * measured.executeMs },
        `${share * 100}% into the execution`,
      );
      expect(left).toBe('unexecuted');
    });
  }

  const random = createRandom(SEED);
  for (const share of [random.next(), random.next(), random.next()].map((r) => 1.1 * r)) {
    const label = `${Math.round(share * 100)}% of the run (seed ${SEED})`;
    it(`pays every line once or not at all when killed at a random ${label}`, async () => {
      await killAndRecover({ afterMs: share * measured.committedMs }, label);
    });
  }

  it('pays nothing when killed with part of its pages written to the WAL', async () => {
    // The commit writes its pages in a few ms; the kill may miss them, so it gets three tries.
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const { run, left } = await killAndRecover(
        { walFrames: true },
        `pages in the WAL #${attempt}`,
      );
      if (left === 'unexecuted' && run.walBytes > WAL_HEADER_BYTES) return;
    }
    throw new Error('no kill landed between the first page written to the WAL and the commit');
  });

  it('keeps the whole payment when killed as soon as a commit reaches the WAL', async () => {
    // The first commit must be the whole execution: nothing of it may commit on its own.
    const { left } = await killAndRecover({ walCommit: true }, 'first commit in the WAL');
    expect(left).toBe('executed');
  });

  it('keeps the whole payment when killed right after the execution returned', async () => {
    const { left } = await killAndRecover({ committed: true }, 'after the commit');
    expect(left).toBe('executed');
  });

  it('has killed runs both before and after the commit', () => {
    const killed = observed.filter((o) => o.run.fate === 'killed');
    expect(killed.some((o) => o.left === 'unexecuted')).toBe(true);
    expect(killed.some((o) => o.left === 'executed')).toBe(true);
  });
});
