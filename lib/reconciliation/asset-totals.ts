import type Database from 'better-sqlite3';
import { PROGRAM } from '@/lib/ledger/accounts';
import { formatUnits, parsePrice, usdValue } from '@/lib/money';

export type AssetTotals = {
  asset: string;
  name: string;
  decimals: number;
  coverage: string;
  usdPrice: string | null;
  accounts: number;
  snapshotUnits: bigint;
  initialClaimUnits: bigint;
  dust: string;
  adjustmentUnits: bigint;
  owedUnits: bigint;
  paidUnits: bigint;
  outstandingUnits: bigint;
};

type Row = {
  asset: string;
  name: string;
  decimals: number;
  coverage: string;
  usdPrice: string | null;
  accounts: number;
  snapshotUnits: string;
  initialClaimUnits: string;
  dust: string;
  snapshotCounter: string | null;
  adjustmentCounter: string | null;
  payoutCounter: string | null;
};

/**
 * Per-asset totals from the projections alone (one row per asset, never a scan of postings):
 * the program-side counter accounts hold minus what was owed, adjusted and paid.
 */
export function assetTotals(sqlite: Database.Database): AssetTotals[] {
  const rows = sqlite
    .prepare(
      `SELECT a.asset, a.name, a.decimals, a.coverage, a.usd_price AS usdPrice, a.accounts,
              a.snapshot_units AS snapshotUnits, a.initial_claim_units AS initialClaimUnits, a.dust,
              s.units AS snapshotCounter, j.units AS adjustmentCounter, p.units AS payoutCounter
       FROM assets a
       LEFT JOIN ledger_balances s ON s.account = @snapshot AND s.asset = a.asset
       LEFT JOIN ledger_balances j ON j.account = @adjustments AND j.asset = a.asset
       LEFT JOIN ledger_balances p ON p.account = @payouts AND p.asset = a.asset
       ORDER BY a.asset`,
    )
    .all(PROGRAM) as Row[];
  return rows.map((r) => {
    const adjustmentUnits = -BigInt(r.adjustmentCounter ?? '0');
    const owedUnits = -BigInt(r.snapshotCounter ?? '0') + adjustmentUnits;
    const paidUnits = -BigInt(r.payoutCounter ?? '0');
    return {
      asset: r.asset,
      name: r.name,
      decimals: r.decimals,
      coverage: r.coverage,
      usdPrice: r.usdPrice,
      accounts: r.accounts,
      snapshotUnits: BigInt(r.snapshotUnits),
      initialClaimUnits: BigInt(r.initialClaimUnits),
      dust: r.dust,
      adjustmentUnits,
      owedUnits,
      paidUnits,
      outstandingUnits: owedUnits - paidUnits,
    };
  });
}

/** Exact USD value of an amount of this asset, or null without a price. */
export function assetUsd(
  totals: Pick<AssetTotals, 'usdPrice' | 'decimals'>,
  units: bigint,
): string | null {
  return totals.usdPrice === null
    ? null
    : usdValue(units, totals.decimals, parsePrice(totals.usdPrice));
}

export function assetTotalsToJson(t: AssetTotals) {
  const amount = (units: bigint) => formatUnits(units, t.decimals);
  return {
    asset: t.asset,
    decimals: t.decimals,
    snapshotTotal: amount(t.snapshotUnits),
    owed: amount(t.owedUnits),
    dust: t.dust,
    adjustments: amount(t.adjustmentUnits),
    paid: amount(t.paidUnits),
    outstanding: amount(t.outstandingUnits),
    accounts: t.accounts,
  };
}
