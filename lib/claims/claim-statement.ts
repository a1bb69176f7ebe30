import { formatUnits, roundUsdCents } from '@/lib/money';
import { claimReference } from './claim-version';
import type { Claim } from './get-claim';
import { toCsv } from './csv';

const HEADER = [
  'program',
  'snapshot_at',
  'account_id',
  'claim_version',
  'claim_reference',
  'status',
  'asset',
  'name',
  'decimals',
  'snapshot_balance',
  'coverage',
  'claim',
  'usd_price',
  'usd_value',
  'usd_value_exact',
  'paid',
  'outstanding',
] as const;

/**
 * The claimant's statement: one record per line, each carrying the program, snapshot time and
 * claim version so that any single row still says what it belongs to. Amounts are exact plain
 * decimals at the asset's precision; a missing price is an empty field.
 */
export function claimStatementCsv(claim: Claim): string {
  const context = [
    claim.program,
    claim.snapshotAt,
    claim.accountId,
    claim.version,
    claimReference(claim.version),
    claim.status,
  ];
  const rows = claim.lines.map((line) => [
    ...context,
    line.asset,
    line.name,
    line.decimals,
    formatUnits(line.snapshotBalanceUnits, line.decimals),
    line.coverage,
    formatUnits(line.claimUnits, line.decimals),
    line.usdPrice,
    line.usdValue === null ? null : roundUsdCents(line.usdValue),
    line.usdValue,
    formatUnits(line.paidUnits, line.decimals),
    formatUnits(line.outstandingUnits, line.decimals),
  ]);
  return toCsv(HEADER, rows);
}

export function statementFileName(claim: Claim): string {
  return `makewhole-claim-${claimReference(claim.version)}.csv`;
}
