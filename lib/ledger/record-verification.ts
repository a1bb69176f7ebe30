import type Database from 'better-sqlite3';
import { verifyLedger, type VerifyResult } from './verify';

export type VerificationRun = VerifyResult & { at: string; durationMs: number };

/** Keeps a verification's outcome, so pages can say when it last ran and what it found. */
export function recordVerification(
  sqlite: Database.Database,
  result: VerifyResult,
  startedAt: bigint,
): VerificationRun {
  const durationMs = Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
  const at = new Date().toISOString();
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
