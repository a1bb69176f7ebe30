import { formatExact, groupDigits } from '@/lib/money';

export { displayDateTime, displayUsd } from '@/lib/claims/display';

/** An exact amount for reading: digits grouped, trailing fractional zeros dropped. */
export const displayUnits = (units: bigint, decimals: number) =>
  groupDigits(formatExact(units, decimals));

/** An exact plain decimal for reading: digits grouped, trailing fractional zeros dropped. */
export const displayDecimal = (plain: string) =>
  groupDigits(plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain);
