import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { verifyLedger } from '@/lib/ledger/verify';
import { generateBundle } from './generate';
import { importBundle } from './import-bundle';

const CLI = join(process.cwd(), 'lib', 'cli', 'main.ts');

let bundleDir = '';
let expectedLines = 0;

beforeAll(async () => {
  bundleDir = join(mkdtempSync(join(tmpdir(), 'mw-crash-bundle-')), 'bundle');
  const bundle = await generateBundle({ accounts: 4000, seed: 'crash', outDir: bundleDir });
  expectedLines = bundle.balanceLines;
});

/** After a delay, or once the import reports it has read this share of the bundle. */
type KillWhen = { afterMs: number } | { readShare: number };

/** Starts the real command-line import in a child process and SIGKILLs it when told. */
function importAndKill(dbFile: string, when: KillWhen): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    // tsx's own binary runs the script in a grandchild that would outlive the kill: load tsx
    // into this one process instead, so SIGKILL hits the process doing the writing.
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', CLI, 'import', bundleDir],
      {
        env: { ...process.env, DATABASE_URL: `file:${dbFile}`, MAKEWHOLE_PROGRESS: 'json' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const kill = () => child.kill('SIGKILL');
    const timer = 'afterMs' in when ? setTimeout(kill, when.afterMs) : undefined;
    if ('readShare' in when) {
      // Rows are written as they are read, inside the import's one open transaction.
      child.stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          const progress = parseProgress(line);
          if (progress && progress.done >= progress.total * when.readShare) kill();
        }
      });
    } else {
      child.stderr?.resume();
    }
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

/** A whole JSON progress line, or null for anything else (a chunk may end mid-line). */
function parseProgress(line: string): { done: number; total: number } | null {
  try {
    return line.startsWith('{') ? (JSON.parse(line) as { done: number; total: number }) : null;
  } catch {
    return null;
  }
}

function counts(dbFile: string) {
  const db = openDatabase(dbFile);
  const one = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  const result = {
    snapshots: one('SELECT count(*) FROM snapshots'),
    accounts: one('SELECT count(*) FROM accounts'),
    lines: one('SELECT count(*) FROM snapshot_lines'),
    postings: one('SELECT count(*) FROM ledger_postings'),
    transactions: one('SELECT count(*) FROM ledger_transactions'),
    verified: verifyLedger(db.$client).ok,
  };
  return { db, result };
}

describe('an import killed at any moment', () => {
  // Spread over start-up, validation and writing; the seeded list keeps failures reproducible.
  const delays = [150, 700, 1200, 1700, 2300, 3200];

  for (const delayMs of delays) {
    it(`leaves the whole snapshot or nothing when killed after ${delayMs} ms, and the next import works`, async () => {
      const dbFile = join(mkdtempSync(join(tmpdir(), 'mw-crash-db-')), 'makewhole.db');
      await importAndKill(dbFile, { afterMs: delayMs });
      const { db, result } = counts(dbFile);
      if (result.snapshots === 0) {
        expect(result).toEqual({
          snapshots: 0,
          accounts: 0,
          lines: 0,
          postings: 0,
          transactions: 0,
          verified: true,
        });
      } else {
        // The proof root is published in a second transaction right after the import.
        expect(result).toMatchObject({
          snapshots: 1,
          accounts: 4000,
          lines: expectedLines,
          verified: true,
        });
        expect([1, 2]).toContain(result.transactions);
      }
      const again = await importBundle(db, { dir: bundleDir, actor: 'test' });
      expect(again.status).toBe(result.snapshots === 0 ? 'imported' : 'already-imported');
      db.$client.close();
      expect(counts(dbFile).result).toMatchObject({
        snapshots: 1,
        accounts: 4000,
        lines: expectedLines,
        verified: true,
      });
    });
  }

  it('leaves nothing when killed in the middle of writing', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'mw-crash-db-')), 'makewhole.db');
    expect(await importAndKill(dbFile, { readShare: 0.6 })).toBe('killed');
    const { db, result } = counts(dbFile);
    expect(result).toEqual({
      snapshots: 0,
      accounts: 0,
      lines: 0,
      postings: 0,
      transactions: 0,
      verified: true,
    });
    expect((await importBundle(db, { dir: bundleDir, actor: 'test' })).status).toBe('imported');
    expect(verifyLedger(db.$client).ok).toBe(true);
  });
});
