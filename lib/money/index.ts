/**
 * Money has one home. Amounts are bigint units of an asset's smallest unit, never a JS number;
 * derived values (USD, dust) are exact plain-decimal strings in canonical form
 * (no trailing fractional zeros, "0" for zero) until display rounds them.
 */
export { AmountError, formatExact, type ScaledDecimal } from './decimal';
export { MAX_DECIMALS, parseAmount, formatUnits, type AmountContext } from './units';
export {
  FULL_COVERAGE,
  MAX_COVERAGE_SCALE,
  applyCoverage,
  formatDust,
  parseCoverage,
  sumRemainders,
  type Coverage,
  type CoverageResult,
} from './coverage';
export {
  MAX_PRICE_SCALE,
  parsePrice,
  roundUsdCents,
  sumExactDecimals,
  usdValue,
  type Price,
} from './usd';
export { groupDigits } from './format';
