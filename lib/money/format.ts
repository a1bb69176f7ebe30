/** Display helpers: never used for stored or computed values. */

const PLAIN_SIGNED = /^(-?)([0-9]+)(\.[0-9]+)?$/;

/** Thousands separators in the integer part only: "-1234567.891" → "-1,234,567.891". */
export function groupDigits(plain: string): string {
  const match = PLAIN_SIGNED.exec(plain);
  if (match === null)
    throw new RangeError(`groupDigits needs a plain decimal, got ${JSON.stringify(plain)}`);
  const [, sign = '', integer = '', fraction = ''] = match;
  return sign + integer.replace(/\B(?=(\d{3})+$)/g, ',') + fraction;
}
