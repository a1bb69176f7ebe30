import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareExactDecimals } from './compare-decimals';

describe('ordering exact decimals', () => {
  it('compares by value, not by text or length', () => {
    expect(compareExactDecimals('100', '12.5')).toBe(1);
    expect(compareExactDecimals('0.1', '0.09')).toBe(1);
    expect(compareExactDecimals('1.50', '1.5')).toBe(0);
    expect(compareExactDecimals('-2', '1')).toBe(-1);
    expect(
      compareExactDecimals('123456789012.123456789012345678', '123456789012.123456789012345677'),
    ).toBe(1);
  });

  it('agrees with bigint order on scaled integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        (a, b, scale) => {
          const text = (v: bigint) => {
            const digits = v.toString().padStart(scale + 1, '0');
            return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          };
          expect(compareExactDecimals(text(a), text(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        },
      ),
    );
  });
});
