/**
 * USD values: claim × price, exact, in canonical plain decimals (trailing zeros trimmed);
 * rounded half-up to cents only for display.
 */
import {
  alignScales,
  AmountError,
  formatExact,
  formatScaled,
  parsePlainDecimal,
  parseSignedDecimal,
  pow10,
  quote,
  type ScaledDecimal,
} from './decimal';
import { assertDecimals } from './units';

export interface Price {
  /** The price is numerator / 10^scale USD per whole asset. */
  readonly numerator: bigint;
  readonly scale: number;
  readonly text: string;
}

/** Enough for a price of 1e-30 USD written out in full. */
export const MAX_PRICE_SCALE = 36;

export function parsePrice(text: string, label = 'usd_price'): Price {
  const { value, scale } = parsePlainDecimal(text, label);
  if (scale > MAX_PRICE_SCALE) {
    throw new AmountError(label, `${quote(text)} has more than ${MAX_PRICE_SCALE} decimal places`);
  }
  return { numerator: value, scale, text };
}

/** Exact USD value of `claimUnits` (at `decimals`) at `price`. */
export function usdValue(claimUnits: bigint, decimals: number, price: Price): string {
  assertDecimals(decimals);
  return formatExact(claimUnits * price.numerator, decimals + price.scale);
}

/** Half-up (away from zero) to 2 decimals: "0.005" → "0.01", "1.2349" → "1.23". */
export function roundUsdCents(exact: string): string {
  const { value, scale } = parseSignedDecimal(exact, 'USD value');
  if (scale <= 2) return formatScaled(value * pow10(2 - scale), 2);
  const magnitude = value < 0n ? -value : value;
  const divisor = pow10(scale - 2);
  const roundsUp = (magnitude % divisor) * 2n >= divisor;
  const cents = magnitude / divisor + (roundsUp ? 1n : 0n);
  return formatScaled(value < 0n && cents !== 0n ? -cents : cents, 2);
}

/** Exact sum of plain decimals (a leading "-" allowed), in canonical form. */
export function sumExactDecimals(values: Iterable<string>): string {
  let total: ScaledDecimal = { value: 0n, scale: 0 };
  for (const text of values) {
    const [a, b, scale] = alignScales(total, parseSignedDecimal(text, 'USD value'));
    total = { value: a + b, scale };
  }
  return formatExact(total.value, total.scale);
}
