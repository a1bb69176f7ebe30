import { alignScales, parseSignedDecimal } from '@/lib/money/decimal';

/** Orders exact decimal strings ("12.5" < "100") without ever making them numbers. */
export function compareExactDecimals(a: string, b: string): number {
  const [left, right] = alignScales(parseSignedDecimal(a, 'a'), parseSignedDecimal(b, 'b'));
  return left < right ? -1 : left > right ? 1 : 0;
}
