import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, formatUnits, parseAmount } from '.';

function refusal(text: string, decimals = 8): string {
  try {
    parseAmount(text, decimals, { label: 'balance', asset: 'BTC' });
  } catch (error) {
    expect(error).toBeInstanceOf(AmountError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseAmount', () => {
  it('reads plain decimals as units of the smallest denomination', () => {
    expect(parseAmount('1.5', 8)).toBe(150_000_000n);
    expect(parseAmount('0', 0)).toBe(0n);
    expect(parseAmount('42', 0)).toBe(42n);
    expect(parseAmount('0.00000001', 8)).toBe(1n);
    expect(parseAmount('007.10', 2)).toBe(710n);
  });

  it('keeps an 18-decimal balance with 12 integer digits exact', () => {
    const text = '123456789012.123456789012345678';
    const units = parseAmount(text, 18);
    expect(units).toBe(123456789012123456789012345678n);
    expect(formatUnits(units, 18)).toBe(text);
  });

  it('keeps a 30-decimal balance exact', () => {
    const text = '98765432109876.123456789012345678901234567890';
    expect(formatUnits(parseAmount(text, 30), 30)).toBe(text);
  });

  it('refuses a balance with more decimals than its asset', () => {
    expect(refusal('1.123', 2)).toBe('balance "1.123" has 3 decimal places but BTC allows 2');
    expect(refusal('1.0', 0)).toBe('balance "1.0" has 1 decimal places but BTC allows 0');
  });

  it('names the limit without an asset', () => {
    expect(() => parseAmount('1.123', 2)).toThrow(
      'amount "1.123" has 3 decimal places but at most 2 are allowed',
    );
  });

  it.each([
    ['', 'balance is empty'],
    ['-1', 'balance "-1" is negative'],
    ['-0', 'balance "-0" is negative'],
    ['+1', 'balance "+1" has a sign; write the digits alone'],
    ['1e5', 'balance "1e5" uses exponent notation; write all the digits'],
    ['1.5E-3', 'balance "1.5E-3" uses exponent notation; write all the digits'],
    [
      '1,000',
      `balance "1,000" has a thousands separator or decimal comma; use digits and '.' only`,
    ],
    [
      '1_000',
      `balance "1_000" has a thousands separator or decimal comma; use digits and '.' only`,
    ],
    ['NaN', 'balance "NaN" is not a number'],
    ['Infinity', 'balance "Infinity" is not a number'],
    ['-Infinity', 'balance "-Infinity" is not a number'],
    ['１２', 'balance "１２" uses non-ASCII digits; write 0-9'],
    ['١٢', 'balance "١٢" uses non-ASCII digits; write 0-9'],
    ['.5', 'balance ".5" needs a digit before the decimal point'],
    ['5.', 'balance "5." needs a digit after the decimal point'],
    [' 5', 'balance " 5" contains spaces'],
    ['5 ', 'balance "5 " contains spaces'],
    ['1 000', 'balance "1 000" contains spaces'],
    ['\t5', 'balance "\\t5" contains spaces'],
    ['0x10', 'balance "0x10" is not a plain decimal number'],
    ['1.2.3', 'balance "1.2.3" is not a plain decimal number'],
    ['abc', 'balance "abc" is not a plain decimal number'],
    ['５', 'balance "５" uses non-ASCII digits; write 0-9'],
    ['1€', 'balance "1€" has characters other than ASCII digits and "."'],
  ])('refuses %j', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('refuses absurdly long input before doing big arithmetic on it', () => {
    expect(refusal('9'.repeat(101))).toMatch(/is longer than 100 characters$/);
  });

  it('refuses decimals outside 0..30 as a programming error', () => {
    expect(() => parseAmount('1', 31)).toThrow(RangeError);
    expect(() => parseAmount('1', -1)).toThrow(RangeError);
    expect(() => parseAmount('1', 2.5)).toThrow(RangeError);
  });
});

describe('formatUnits', () => {
  it('writes exactly the asset decimals', () => {
    expect(formatUnits(150_000_000n, 8)).toBe('1.50000000');
    expect(formatUnits(1n, 8)).toBe('0.00000001');
    expect(formatUnits(0n, 2)).toBe('0.00');
  });

  it('writes no point for a 0-decimal asset', () => {
    expect(formatUnits(1234n, 0)).toBe('1234');
  });

  it('puts a minus sign in front of negatives', () => {
    expect(formatUnits(-5n, 2)).toBe('-0.05');
    expect(formatUnits(-12345n, 2)).toBe('-123.45');
  });
});

describe('amount round trip (property)', () => {
  const decimals = fc.integer({ min: 0, max: 30 });

  it('format then parse returns the same units for up to 16 integer digits', () => {
    fc.assert(
      fc.property(
        decimals.chain((d) =>
          fc.tuple(fc.constant(d), fc.bigInt({ min: 0n, max: 10n ** BigInt(16 + d) - 1n })),
        ),
        ([d, units]) => {
          const text = formatUnits(units, d);
          expect(text.split('.')[1]?.length ?? 0).toBe(d);
          expect(parseAmount(text, d)).toBe(units);
        },
      ),
    );
  });

  it('parse then format only pads the fraction', () => {
    const digits = (min: number, max: number) =>
      fc
        .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
        .map((a) => a.join(''));
    fc.assert(
      fc.property(
        decimals.chain((d) => fc.tuple(fc.constant(d), digits(1, 16), digits(0, d))),
        ([d, integer, fraction]) => {
          const text = fraction === '' ? integer : `${integer}.${fraction}`;
          const formatted = formatUnits(parseAmount(text, d), d);
          const expectedInteger = integer.replace(/^0+(?=.)/, '');
          const expected =
            d === 0 ? expectedInteger : `${expectedInteger}.${fraction.padEnd(d, '0')}`;
          expect(formatted).toBe(expected);
        },
      ),
    );
  });
});
