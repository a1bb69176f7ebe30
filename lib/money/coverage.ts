/**
 * Coverage is the share of a balance the program pays, a decimal in (0, 1].
 * claim = floor(balance × coverage) in units; what the floor drops is dust, kept exactly.
 */
import { AmountError, formatExact, parsePlainDecimal, pow10, quote } from './decimal';

export interface Coverage {
  /** Coverage is numerator / 10^scale. */
  readonly numerator: bigint;
  readonly scale: number;
  /** The text it was parsed from, for records and display. */
  readonly text: string;
}

export interface CoverageResult {
  readonly claimUnits: bigint;
  /** Dust of this line in 10^-scale units: claim + remainder / 10^scale = balance × coverage. */
  readonly remainder: bigint;
}

/** More digits than this is a typo, not a policy. */
export const MAX_COVERAGE_SCALE = 18;

export function parseCoverage(text: string, label = 'coverage'): Coverage {
  const { value, scale } = parsePlainDecimal(text, label);
  if (scale > MAX_COVERAGE_SCALE) {
    throw new AmountError(
      label,
      `${quote(text)} has more than ${MAX_COVERAGE_SCALE} decimal places`,
    );
  }
  if (value === 0n || value > pow10(scale)) {
    throw new AmountError(label, `${quote(text)} must be greater than 0 and at most 1`);
  }
  return { numerator: value, scale, text };
}

export const FULL_COVERAGE: Coverage = parseCoverage('1');

export function applyCoverage(balanceUnits: bigint, coverage: Coverage): CoverageResult {
  if (balanceUnits < 0n) throw new RangeError('applyCoverage needs a balance >= 0');
  const product = balanceUnits * coverage.numerator;
  const divisor = pow10(coverage.scale);
  return { claimUnits: product / divisor, remainder: product % divisor };
}

export function sumRemainders(remainders: Iterable<bigint>): bigint {
  let total = 0n;
  for (const remainder of remainders) total += remainder;
  return total;
}

/**
 * Dust in asset terms, exact: remainderSum / 10^(coverageScale + decimals).
 * Canonical form: trailing fractional zeros trimmed, "0" when there is none.
 */
export function formatDust(remainderSum: bigint, decimals: number, coverageScale: number): string {
  return formatExact(remainderSum, coverageScale + decimals);
}
