import type Database from 'better-sqlite3';
import { BATCH_EXECUTED, parseMemo } from '@/lib/ledger/vocabulary';
import { formatExact } from '@/lib/money/decimal';
import { claimAdjustments } from './claim-adjustments';
import { assetPrices, UsdScale } from './prices';

export type HistoryPoint = {
  at: string;
  /** What happened at this point: the import, an adjustment, a payout batch. */
  event: string;
  /** Exact USD over the priced assets. */
  owedUsd: string;
  paidUsd: string;
  outstandingUsd: string;
};

/** A change of owed and paid, in USD scaled by the UsdScale. */
type Change = { seq: number; at: string; event: string; owed: bigint; paid: bigint };

function importChange(sqlite: Database.Database, usd: UsdScale): Change[] {
  const snapshot = sqlite
    .prepare(
      'SELECT s.tx_seq AS seq, t.created_at AS at FROM snapshots s JOIN ledger_transactions t ON t.seq = s.tx_seq ORDER BY s.id LIMIT 1',
    )
    .get() as { seq: number; at: string } | undefined;
  if (!snapshot) return [];
  const claims = sqlite
    .prepare('SELECT asset, initial_claim_units AS units FROM assets')
    .raw()
    .all() as [string, string][];
  const owed = claims.reduce((sum, [asset, units]) => sum + usd.scaled(asset, BigInt(units)), 0n);
  return [{ ...snapshot, event: 'Snapshot imported', owed, paid: 0n }];
}

function adjustmentChanges(sqlite: Database.Database, usd: UsdScale): Change[] {
  return claimAdjustments(sqlite).map((a) => ({
    seq: a.seq,
    at: a.at,
    event: `Claims adjusted (transaction ${a.seq})`,
    owed: a.legs.reduce((sum, l) => sum + usd.scaled(l.asset, l.units), 0n),
    paid: 0n,
  }));
}

/** A batch's per-asset paid totals from its memo, or null when the memo is not one we wrote. */
function memoTotals(memoJson: string): { batchId: number; totals: [string, bigint][] } | null {
  const memo = parseMemo(BATCH_EXECUTED, memoJson);
  if (!memo) return null;
  const totals = Object.entries(memo.totals).map(([asset, units]): [string, bigint] => [
    asset,
    BigInt(units),
  ]);
  return { batchId: memo.batchId, totals };
}

/**
 * Executed batches, from the per-asset totals their ledger memo carries. The chart must still
 * draw when the ledger was edited by hand (the checks say so): a memo that is not ours adds
 * nothing and says so.
 */
function payoutChanges(sqlite: Database.Database, usd: UsdScale): Change[] {
  const rows = sqlite
    .prepare(
      'SELECT seq, created_at AS at, memo FROM ledger_transactions WHERE kind = ? ORDER BY seq',
    )
    .all(BATCH_EXECUTED.kind) as { seq: number; at: string; memo: string }[];
  return rows.map((r) => {
    const memo = memoTotals(r.memo);
    if (!memo) {
      const event = `Transaction ${r.seq}: a payout without readable totals`;
      return { seq: r.seq, at: r.at, event, owed: 0n, paid: 0n };
    }
    const paid = memo.totals.reduce((sum, [asset, units]) => sum + usd.scaled(asset, units), 0n);
    return { seq: r.seq, at: r.at, event: `Batch #${memo.batchId} paid`, owed: 0n, paid };
  });
}

/** Keeps at most `max` points, evenly spread, always with the first and the last. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as T);
}

/**
 * Owed, paid and outstanding in USD (priced assets) after the import, each adjustment and each
 * executed batch: a few transactions found through indexes, never a scan of all postings.
 */
export function paidOutstandingHistory(sqlite: Database.Database, maxPoints = 200): HistoryPoint[] {
  const usd = new UsdScale(assetPrices(sqlite));
  const changes = [
    ...importChange(sqlite, usd),
    ...adjustmentChanges(sqlite, usd),
    ...payoutChanges(sqlite, usd),
  ].sort((a, b) => a.seq - b.seq);
  let owed = 0n;
  let paid = 0n;
  const points = changes.map((c): HistoryPoint => {
    owed += c.owed;
    paid += c.paid;
    return {
      at: c.at,
      event: c.event,
      owedUsd: formatExact(owed, usd.scale),
      paidUsd: formatExact(paid, usd.scale),
      outstandingUsd: formatExact(owed - paid, usd.scale),
    };
  });
  const last = points.at(-1);
  // Carried to the present, so that a quiet stretch reads as a level line, not a lone dot.
  const now = last ? [{ ...last, at: new Date().toISOString(), event: 'Now' }] : [];
  return [...thin(points, maxPoints - 1), ...now];
}
