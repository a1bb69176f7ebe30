import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import { LEDGER_VERIFY } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { PAID_RANGE } from '@/lib/ledger/accounts';
import { lastVerification, runVerification } from '@/lib/ledger/record-verification';
import { assetTotals } from './asset-totals';
import { checkClaimStates } from './check-claim-states';
import { keepClaimSizes, scanClaims, type ClaimScan } from './claim-size-distribution';

/** The checks the reconciliation page shows, each passing, failing or not known. */
export const CHECKS = [
  { name: 'balanced', label: 'Every transaction balances' },
  { name: 'chain', label: 'Hash chain intact' },
  { name: 'projection', label: 'Balances projection = recomputation from postings' },
  { name: 'noOverpay', label: 'No account paid more than it is owed' },
  { name: 'owed', label: 'Owed = Σ claims + adjustments; paid = Σ payouts' },
  { name: 'claimStates', label: 'Acknowledged / disputed totals = recomputation' },
] as const;

export type CheckKey = (typeof CHECKS)[number]['name'];

export type FullVerification = {
  at: string;
  ok: boolean;
  message: string;
  postings: number;
  durationMs: number;
  /** null: this run did not record the check separately (a run from the command line). */
  checks: Record<CheckKey, boolean | null>;
  problems: Partial<Record<CheckKey, string>>;
  /** The last ledger sequence number the run covered, when recorded. */
  lastSeq: number | null;
};

function paidByAsset(sqlite: Database.Database): Map<string, bigint> {
  const rows = sqlite
    .prepare('SELECT asset, units FROM ledger_balances WHERE account >= ? AND account < ?')
    .raw()
    .iterate(...PAID_RANGE) as IterableIterator<[string, string]>;
  const sums = new Map<string, bigint>();
  for (const [asset, units] of rows) sums.set(asset, (sums.get(asset) ?? 0n) + BigInt(units));
  return sums;
}

/** Per asset: the claimants' accounts add up to the program's counters. */
export function checkOwedTotals(sqlite: Database.Database, scan: ClaimScan): string | null {
  const paid = paidByAsset(sqlite);
  for (const t of assetTotals(sqlite)) {
    const owed = scan.owedByAsset.get(t.asset) ?? 0n;
    if (t.owedUnits - t.adjustmentUnits !== t.initialClaimUnits)
      return `${t.asset}: the snapshot counter does not equal the imported claims`;
    if (owed !== t.owedUnits)
      return `${t.asset}: claims sum to ${owed} units, owed is ${t.owedUnits}`;
    if ((paid.get(t.asset) ?? 0n) !== t.paidUnits)
      return `${t.asset}: payments sum to ${paid.get(t.asset) ?? 0n} units, paid is ${t.paidUnits}`;
  }
  return null;
}

/**
 * Runs the ledger's full verification (recorded like `verify`), then the reconciliation's own
 * recomputations, and keeps every check's result beside the run.
 */
export function runFullVerification(db: Db, actor: StaffActor): FullVerification {
  const sqlite = db.$client;
  const run = runVerification(sqlite);
  const runId = Number(sqlite.prepare('SELECT last_insert_rowid()').pluck().get());
  // One read-only pass over every claim: the owed check, and the claim sizes a page cannot
  // afford to count at a million accounts.
  const { owedProblem, scan } = sqlite.transaction(() => {
    const claims = scanClaims(sqlite);
    return { owedProblem: checkOwedTotals(sqlite, claims), scan: claims };
  })();
  keepClaimSizes(sqlite, scan);
  const claimStates = checkClaimStates(sqlite);
  const problems: Partial<Record<CheckKey, string>> = {
    balanced: run.problems.balanced,
    chain: run.problems.chain ?? run.problems.triggers,
    projection: run.problems.projection,
    noOverpay: run.problems.noOverpay,
    owed: owedProblem ?? undefined,
    claimStates: claimStates.problem ?? undefined,
  };
  const checks = Object.fromEntries(CHECKS.map((c) => [c.name, !problems[c.name]])) as Record<
    CheckKey,
    boolean
  >;
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO verification_details (run_id, checks, last_seq) VALUES (?, ?, ?)')
      .run(runId, JSON.stringify({ checks, problems }), run.transactions);
    recordAudit(db, LEDGER_VERIFY, {
      actorUserId: actor.id,
      actorEmail: actor.email,
      subject: 'ledger',
      detail: { ok: run.ok && !owedProblem && claimStates.ok, postings: run.postings },
    });
  })();
  return latestFullVerification(sqlite) as FullVerification;
}

/** The latest run, by this page or by `verify`, with its per-check results when recorded. */
export function latestFullVerification(sqlite: Database.Database): FullVerification | null {
  const last = lastVerification(sqlite);
  if (!last) return null;
  const detail = sqlite
    .prepare(
      `SELECT d.checks, d.last_seq AS lastSeq FROM verification_details d
       WHERE d.run_id = (SELECT max(id) FROM verification_runs)`,
    )
    .get() as { checks: string; lastSeq: number } | undefined;
  const recorded = detail
    ? (JSON.parse(detail.checks) as {
        checks: Record<CheckKey, boolean>;
        problems: Partial<Record<CheckKey, string>>;
      })
    : null;
  const ok = Boolean(last.ok) && (!recorded || Object.values(recorded.checks).every(Boolean));
  // A run from the command line records the ledger's checks as one result.
  const LEDGER_CHECKS: readonly CheckKey[] = ['balanced', 'chain', 'projection', 'noOverpay'];
  const unrecorded = Object.fromEntries(
    CHECKS.map((c) => [c.name, last.ok && LEDGER_CHECKS.includes(c.name) ? true : null]),
  ) as Record<CheckKey, boolean | null>;
  return {
    at: last.at,
    ok,
    message: ok ? last.message : (recorded && Object.values(recorded.problems)[0]) || last.message,
    postings: last.postings,
    durationMs: last.durationMs,
    checks: recorded?.checks ?? unrecorded,
    problems: recorded?.problems ?? {},
    lastSeq: detail?.lastSeq ?? null,
  };
}
