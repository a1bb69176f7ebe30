import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, parsePrice, roundUsdCents, sumExactDecimals, usdValue } from '.';
import { formatScaled, pow10 } from './decimal';

describe('parsePrice', () => {
  it('reads a price exactly', () => {
    expect(parsePrice('67012.55')).toEqual({ numerator: 6701255n, scale: 2, text: '67012.55' });
    expect(parsePrice('0.00000001')).toEqual({ numerator: 1n, scale: 8, text: '0.00000001' });
    expect(parsePrice('0')).toEqual({ numerator: 0n, scale: 0, text: '0' });
  });

  it.each(['-1', '1e-8', '1,5', 'NaN', '', ' 1', '１'])('refuses %j', (text) => {
    expect(() => parsePrice(text)).toThrow(AmountError);
  });
});

describe('usdValue', () => {
  it('multiplies claim by price without rounding', () => {
    // 1.5 BTC at 8 decimals × 67012.55 = 100518.825
    expect(usdValue(150_000_000n, 8, parsePrice('67012.55'))).toBe('100518.825');
    expect(usdValue(1n, 18, parsePrice('0.00000001'))).toBe('0.00000000000000000000000001');
    expect(usdValue(0n, 6, parsePrice('1'))).toBe('0');
    expect(usdValue(5n, 0, parsePrice('2.50'))).toBe('12.5');
  });
});

describe('roundUsdCents', () => {
  it.each([
    ['0.005', '0.01'],
    ['0.004999', '0.00'],
    ['1.2349', '1.23'],
    ['1.235', '1.24'],
    ['2', '2.00'],
    ['2.1', '2.10'],
    ['99.995', '100.00'],
    ['-1.005', '-1.01'],
    ['-0.001', '0.00'],
    ['123456789012.123456789012345678', '123456789012.12'],
  ])('rounds %s half-up to %s', (exact, rounded) => {
    expect(roundUsdCents(exact)).toBe(rounded);
  });

  it('rounds half-up for any value (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 20 }),
        (value, scale) => {
          const rounded = roundUsdCents(formatScaled(value, scale));
          const cents = BigInt(rounded.replace('.', ''));
          // value/10^scale lies in [cents - 0.5, cents + 0.5) cents: 2·value·100 vs (2·cents ± 1)·10^scale.
          const twice = 2n * value * 100n;
          expect(twice >= (2n * cents - 1n) * pow10(scale)).toBe(true);
          expect(twice < (2n * cents + 1n) * pow10(scale)).toBe(true);
        },
      ),
    );
  });
});

describe('sumExactDecimals', () => {
  it('adds USD values of mixed precision exactly', () => {
    expect(sumExactDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumExactDecimals(['100518.825', '0.00000000000000000000000001', '1'])).toBe(
      '100519.82500000000000000000000001',
    );
    expect(sumExactDecimals([])).toBe('0');
    expect(sumExactDecimals(['5', '-2.25'])).toBe('2.75');
  });

  it('matches bigint arithmetic on the same values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.integer({ min: 0, max: 30 })),
        ),
        (parts) => {
          const expectedScaled = parts.reduce(
            (sum, [value, scale]) => sum + value * pow10(30 - scale),
            0n,
          );
          const total = sumExactDecimals(parts.map(([value, scale]) => formatScaled(value, scale)));
          const [integer = '', fraction = ''] = total.split('.');
          expect(BigInt(integer + fraction.padEnd(30, '0'))).toBe(expectedScaled);
        },
      ),
    );
  });

  it('refuses text that is not a decimal', () => {
    expect(() => sumExactDecimals(['1', 'abc'])).toThrow(AmountError);
  });
});
