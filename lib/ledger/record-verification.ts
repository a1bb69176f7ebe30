import type Database from 'better-sqlite3';
import type { Database as AnyDatabase } from '@/db/database';
import { verifyLedger, type VerifyResult } from './verify';

export type VerificationRun = VerifyResult & { at: string; durationMs: number };

const finished = (startedAt: bigint) => ({
  durationMs: Number((process.hrtime.bigint() - startedAt) / 1_000_000n),
  at: new Date().toISOString(),
});

/** Keeps a verification's outcome, so pages can say when it last ran and what it found. */
export function recordVerification(
  sqlite: Database.Database,
  result: VerifyResult,
  startedAt: bigint,
): VerificationRun {
  const { durationMs, at } = finished(startedAt);
  sqlite
    .prepare(
      'INSERT INTO verification_runs (at, ok, message, postings, duration_ms) VALUES (?, ?, ?, ?, ?)',
    )
    .run(
      at,
      result.ok ? 1 : 0,
      result.firstProblem ?? 'all checks pass',
      result.postings,
      durationMs,
    );
  return { ...result, at, durationMs };
}

/** recordVerification on either engine, in one transaction of its own. */
export async function recordVerificationIn(
  database: AnyDatabase,
  result: VerifyResult,
  startedAt: bigint,
): Promise<VerificationRun> {
  const { durationMs, at } = finished(startedAt);
  const t = database.tables;
  await database.transaction(async (tx) => {
    await tx.insert(t.verificationRuns).values({
      at,
      ok: result.ok,
      message: result.firstProblem ?? 'all checks pass',
      postings: result.postings,
      durationMs,
    });
  });
  return { ...result, at, durationMs };
}

/** Runs the full verification and keeps its outcome. */
export function runVerification(sqlite: Database.Database): VerificationRun {
  const started = process.hrtime.bigint();
  return recordVerification(sqlite, verifyLedger(sqlite), started);
}

export function lastVerification(sqlite: Database.Database) {
  return sqlite
    .prepare(
      'SELECT at, ok, message, postings, duration_ms AS durationMs FROM verification_runs ORDER BY id DESC LIMIT 1',
    )
    .get() as
    { at: string; ok: number; message: string; postings: number; durationMs: number } | undefined;
}
