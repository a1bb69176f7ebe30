import type Database from 'better-sqlite3';
import { verifyLedger, type VerifyResult } from '@/lib/ledger/verify';
import { assetTotals, assetTotalsToJson } from './asset-totals';

export type ReportJson = {
  program: string | null;
  snapshotAt: string | null;
  assets: ReturnType<typeof assetTotalsToJson>[];
  checks: { balanced: boolean; chain: boolean; projection: boolean; noOverpay: boolean };
};

/** The reconciliation in the published JSON shape (SPEC "report --json"), checks recomputed now. */
export function reconciliationReport(sqlite: Database.Database): {
  report: ReportJson;
  verification: VerifyResult;
} {
  const snapshot = sqlite
    .prepare('SELECT program, snapshot_at AS snapshotAt FROM snapshots ORDER BY id LIMIT 1')
    .get() as { program: string; snapshotAt: string } | undefined;
  const verification = verifyLedger(sqlite);
  const { checks } = verification;
  return {
    report: {
      program: snapshot?.program ?? null,
      snapshotAt: snapshot?.snapshotAt ?? null,
      assets: assetTotals(sqlite).map(assetTotalsToJson),
      checks: {
        balanced: checks.balanced,
        chain: checks.chain && checks.triggers,
        projection: checks.projection,
        noOverpay: checks.noOverpay,
      },
    },
    verification,
  };
}
