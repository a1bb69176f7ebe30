import type Database from 'better-sqlite3';
import { applyCoverage, formatDust, parseCoverage } from '@/lib/money/coverage';
import { batchItemsHash } from '@/lib/payouts/items-hash';

type Totals = { snapshotUnits: bigint; claimUnits: bigint; remainders: bigint; accounts: number };

/**
 * The figures stored beside the ledger that pages and reports show: each asset's snapshot total,
 * initial claims, dust and account count, recomputed from snapshot_lines. Returns the first
 * difference, or null. One pass over the lines, totals kept per asset (a few hundred).
 */
export function assetFiguresProblem(sqlite: Database.Database): string | null {
  const assets = sqlite
    .prepare(
      'SELECT asset, decimals, coverage, snapshot_units, initial_claim_units, dust, accounts FROM assets ORDER BY asset',
    )
    .raw()
    .all() as [string, number, string, string, string, string, number][];
  const coverage = new Map(assets.map(([asset, , text]) => [asset, parseCoverage(text)]));
  const totals = new Map<string, Totals>();
  const lines = sqlite
    .prepare('SELECT asset, balance_units FROM snapshot_lines')
    .raw()
    .iterate() as IterableIterator<[string, string]>;
  for (const [asset, balance] of lines) {
    const cover = coverage.get(asset);
    if (!cover) return `snapshot line in ${asset}: the asset is not in assets`;
    const { claimUnits, remainder } = applyCoverage(BigInt(balance), cover);
    const t = totals.get(asset) ?? {
      snapshotUnits: 0n,
      claimUnits: 0n,
      remainders: 0n,
      accounts: 0,
    };
    t.snapshotUnits += BigInt(balance);
    t.claimUnits += claimUnits;
    t.remainders += remainder;
    t.accounts += 1;
    totals.set(asset, t);
  }
  for (const [asset, decimals, text, snapshotUnits, claimUnits, dust, accounts] of assets) {
    const t = totals.get(asset) ?? {
      snapshotUnits: 0n,
      claimUnits: 0n,
      remainders: 0n,
      accounts: 0,
    };
    const expected: [string, string, string][] = [
      ['snapshot_units', snapshotUnits, t.snapshotUnits.toString()],
      ['initial_claim_units', claimUnits, t.claimUnits.toString()],
      ['dust', dust, formatDust(t.remainders, decimals, parseCoverage(text).scale)],
      ['accounts', String(accounts), String(t.accounts)],
    ];
    for (const [column, stored, recomputed] of expected) {
      if (stored !== recomputed)
        return `assets.${column} of ${asset}: stored ${stored}, snapshot lines give ${recomputed}`;
    }
  }
  return null;
}

/**
 * Every approved or executed batch's items still hash to what its approval committed to in the
 * ledger. Returns the first batch that differs, or null.
 */
export function payoutItemsProblem(sqlite: Database.Database): string | null {
  const approvals = sqlite
    .prepare(
      "SELECT memo FROM ledger_transactions WHERE kind = 'payout.batch_approved' ORDER BY seq",
    )
    .pluck()
    .all() as string[];
  for (const memo of approvals) {
    const { batchId, itemsHash } = JSON.parse(memo) as { batchId: number; itemsHash?: string };
    if (itemsHash === undefined) continue; // approved before approvals bound their lines
    const recomputed = batchItemsHash(sqlite, batchId, { liveOnly: false });
    if (recomputed !== itemsHash)
      return `payout_items of batch #${batchId}: they no longer match the lines its approval committed to (${itemsHash.slice(0, 12)}…, now ${recomputed.slice(0, 12)}…)`;
  }
  return null;
}
