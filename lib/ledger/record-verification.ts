import type Database from 'better-sqlite3';
import { verifyLedger, type VerifyResult } from './verify';

export type VerificationRun = VerifyResult & { at: string; durationMs: number };

/** Runs the full verification and keeps its outcome, so pages can say when it last ran. */
export function runVerification(sqlite: Database.Database): VerificationRun {
  const started = process.hrtime.bigint();
  const result = verifyLedger(sqlite);
  const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
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

export function lastVerification(sqlite: Database.Database) {
  return sqlite
    .prepare(
      'SELECT at, ok, message, postings, duration_ms AS durationMs FROM verification_runs ORDER BY id DESC LIMIT 1',
    )
    .get() as
    { at: string; ok: number; message: string; postings: number; durationMs: number } | undefined;
}
