import {
  applyCoverage,
  formatUnits,
  groupDigits,
  parseCoverage,
  usdValue,
  parsePrice,
  sumExactDecimals,
} from '@/lib/money';
import { compareExactDecimals } from './compare-decimals';
import { claimReference } from './claim-version';
import { displayCoverage, displayPrice, displayUsd } from './display';
import type { Claim, ClaimLine, ClaimStatus } from './get-claim';

/** One claim line as the browser gets it: display strings only, never a number amount. */
export type ClaimLineView = {
  asset: string;
  name: string;
  decimals: number;
  coverage: string;
  snapshotBalance: string;
  /** floor(balance × coverage) at the asset's decimals, before any adjustment. */
  computedClaim: string;
  /** Signed change made by finance after a dispute, or null when there was none. */
  adjustment: string | null;
  claim: string;
  usdPrice: string | null;
  usdValue: string | null;
  /** "0" until something is paid. */
  paid: string;
  outstanding: string;
  /** Position by exact USD value, highest first; lines without a price come after all others. */
  valueRank: number;
};

export type ClaimSummary = {
  accountId: string;
  program: string;
  snapshotAt: string;
  version: string;
  reference: string;
  status: ClaimStatus;
  /** The reference the claimant acknowledged when it is not the current version. */
  staleAcknowledgedReference: string | null;
  usdTotal: string;
  usdOutstanding: string;
  lineCount: number;
  unpricedCount: number;
  nothingOwed: boolean;
  anyPaid: boolean;
};

const grouped = (units: bigint, decimals: number) => groupDigits(formatUnits(units, decimals));

function valueRanks(lines: readonly ClaimLine[]): Map<string, number> {
  const priced = lines.filter((l) => l.usdValue !== null);
  const unpriced = lines.filter((l) => l.usdValue === null);
  priced.sort((a, b) => compareExactDecimals(b.usdValue ?? '0', a.usdValue ?? '0'));
  return new Map([...priced, ...unpriced].map((line, rank) => [line.asset, rank]));
}

function lineView(line: ClaimLine, rank: number): ClaimLineView {
  const computed = applyCoverage(
    line.snapshotBalanceUnits,
    parseCoverage(line.coverage),
  ).claimUnits;
  const change = line.claimUnits - computed;
  return {
    asset: line.asset,
    name: line.name,
    decimals: line.decimals,
    coverage: displayCoverage(line.coverage),
    snapshotBalance: grouped(line.snapshotBalanceUnits, line.decimals),
    computedClaim: grouped(computed, line.decimals),
    adjustment: change === 0n ? null : `${change > 0n ? '+' : ''}${grouped(change, line.decimals)}`,
    claim: grouped(line.claimUnits, line.decimals),
    usdPrice: line.usdPrice === null ? null : displayPrice(line.usdPrice),
    usdValue: line.usdValue === null ? null : displayUsd(line.usdValue),
    // Nothing paid reads as a plain 0; any payment shows the asset's full precision.
    paid: line.paidUnits === 0n ? '0' : grouped(line.paidUnits, line.decimals),
    outstanding: grouped(line.outstandingUnits, line.decimals),
    valueRank: rank,
  };
}

export function claimLineViews(claim: Claim): ClaimLineView[] {
  const ranks = valueRanks(claim.lines);
  return claim.lines.map((line) => lineView(line, ranks.get(line.asset) ?? 0));
}

function usdOutstanding(lines: readonly ClaimLine[]): string {
  return sumExactDecimals(
    lines.flatMap((l) =>
      l.usdPrice === null ? [] : [usdValue(l.outstandingUnits, l.decimals, parsePrice(l.usdPrice))],
    ),
  );
}

export function claimSummary(claim: Claim): ClaimSummary {
  const stale =
    claim.status === 'open' &&
    claim.acknowledgedVersion !== null &&
    claim.acknowledgedVersion !== claim.version;
  return {
    accountId: claim.accountId,
    program: claim.program,
    snapshotAt: claim.snapshotAt,
    version: claim.version,
    reference: claimReference(claim.version),
    status: claim.status,
    staleAcknowledgedReference:
      stale && claim.acknowledgedVersion ? claimReference(claim.acknowledgedVersion) : null,
    usdTotal: displayUsd(claim.usdTotal),
    usdOutstanding: displayUsd(usdOutstanding(claim.lines)),
    lineCount: claim.lines.length,
    unpricedCount: claim.lines.filter((l) => l.usdPrice === null).length,
    nothingOwed: !claim.lines.some((l) => l.claimUnits > 0n),
    anyPaid: claim.lines.some((l) => l.paidUnits > 0n),
  };
}
