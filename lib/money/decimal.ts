/**
 * The strict plain-decimal core shared by amounts, coverage and prices.
 * A value is `value / 10^scale` with `value` a bigint, so nothing is ever rounded by a float.
 */

/** `label` names the field ("balance"); `detail` says what is wrong with the value. */
export class AmountError extends Error {
  override readonly name = 'AmountError';

  constructor(
    readonly label: string,
    readonly detail: string,
  ) {
    super(`${label} ${detail}`);
  }
}

export interface ScaledDecimal {
  readonly value: bigint;
  readonly scale: number;
}

/** Bounds the work BigInt does on hostile input; real amounts are far shorter. */
export const MAX_DECIMAL_CHARS = 100;

const PLAIN_DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;
const POWERS_OF_TEN: bigint[] = [];

export function pow10(exponent: number): bigint {
  if (!Number.isInteger(exponent) || exponent < 0) {
    throw new RangeError(`pow10 needs a whole exponent >= 0, got ${exponent}`);
  }
  let cached = POWERS_OF_TEN[exponent];
  if (cached === undefined) {
    cached = 10n ** BigInt(exponent);
    if (exponent <= 128) POWERS_OF_TEN[exponent] = cached;
  }
  return cached;
}

/** Quotes user text for a message: JSON escapes control characters, long text is cut. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Parses a plain decimal >= 0; throws AmountError whose message starts with `label`. */
export function parsePlainDecimal(text: string, label: string): ScaledDecimal {
  const match = text.length <= MAX_DECIMAL_CHARS ? PLAIN_DECIMAL.exec(text) : null;
  if (match === null) throw new AmountError(label, describeDefect(text));
  const integerDigits = match[1] ?? '';
  const fractionDigits = match[2] ?? '';
  return { value: BigInt(integerDigits + fractionDigits), scale: fractionDigits.length };
}

/** Parses a plain decimal that may carry a leading "-" (sums and adjustments). */
export function parseSignedDecimal(text: string, label: string): ScaledDecimal {
  if (!text.startsWith('-')) return parsePlainDecimal(text, label);
  const magnitude = parsePlainDecimal(text.slice(1), label);
  return { value: -magnitude.value, scale: magnitude.scale };
}

/** Names the first thing wrong with text, so people can fix their file. */
function describeDefect(text: string): string {
  if (text === '') return 'is empty';
  return `${quote(text)} ${defectReason(text)}`;
}

const DEFECTS: ReadonlyArray<readonly [RegExp | ((text: string) => boolean), string]> = [
  [(text) => text.length > MAX_DECIMAL_CHARS, `is longer than ${MAX_DECIMAL_CHARS} characters`],
  [/\s/u, 'contains spaces'],
  [/^[+-]?(nan|inf|infinity)$/i, 'is not a number'],
  [/^-/, 'is negative'],
  [/^\+/, 'has a sign; write the digits alone'],
  [/^[0-9.]*[eE][+-]?[0-9]*$/, 'uses exponent notation; write all the digits'],
  [/[,_']/, "has a thousands separator or decimal comma; use digits and '.' only"],
  [/[^\P{Nd}0-9]/u, 'uses non-ASCII digits; write 0-9'],
  [/[^\x00-\x7F]/, 'has characters other than ASCII digits and "."'],
  [/^\./, 'needs a digit before the decimal point'],
  [/\.$/, 'needs a digit after the decimal point'],
];

function defectReason(text: string): string {
  for (const [test, reason] of DEFECTS) {
    if (typeof test === 'function' ? test(text) : test.test(text)) return reason;
  }
  return 'is not a plain decimal number';
}

/** Exactly `scale` fractional digits; no point when scale is 0. */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Canonical form: trailing fractional zeros and a bare point removed ("1.50" → "1.5", "0.0" → "0"). */
export function formatExact(value: bigint, scale: number): string {
  const fixed = formatScaled(value, scale);
  const trimmed = scale === 0 ? fixed : fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** Brings two decimals to a common scale so they can be added or compared. */
export function alignScales(a: ScaledDecimal, b: ScaledDecimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.value * pow10(scale - a.scale), b.value * pow10(scale - b.scale), scale];
}
