/**
 * Amounts as bigint counts of an asset's smallest unit ("units"): 1.5 BTC at 8 decimals is 150000000n.
 * This is the only way text becomes an amount and back.
 */
import { AmountError, formatScaled, parsePlainDecimal, pow10, quote } from './decimal';

export const MAX_DECIMALS = 30;

export interface AmountContext {
  /** Field name that starts the error message, e.g. "balance". */
  readonly label?: string;
  /** Asset whose decimals apply, named in the error message. */
  readonly asset?: string;
}

export function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(
      `decimals must be a whole number from 0 to ${MAX_DECIMALS}, got ${decimals}`,
    );
  }
}

/** Strict plain decimal >= 0 with at most `decimals` fractional digits, as units. */
export function parseAmount(text: string, decimals: number, context: AmountContext = {}): bigint {
  assertDecimals(decimals);
  const label = context.label ?? 'amount';
  const parsed = parsePlainDecimal(text, label);
  if (parsed.scale > decimals) {
    const allowed =
      context.asset === undefined
        ? `at most ${decimals} are allowed`
        : `${context.asset} allows ${decimals}`;
    throw new AmountError(
      label,
      `${quote(text)} has ${parsed.scale} decimal places but ${allowed}`,
    );
  }
  return parsed.value * pow10(decimals - parsed.scale);
}

/** Plain notation with exactly `decimals` fractional digits; "-" for negatives. */
export function formatUnits(units: bigint, decimals: number): string {
  assertDecimals(decimals);
  return formatScaled(units, decimals);
}
