import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, applyCoverage, formatDust, parseCoverage, sumRemainders } from '.';
import { pow10 } from './decimal';

const coverageArb = fc
  .integer({ min: 0, max: 18 })
  .chain((scale) =>
    fc.record({ scale: fc.constant(scale), numerator: fc.bigInt({ min: 1n, max: pow10(scale) }) }),
  )
  .map(({ scale, numerator }) => {
    const text =
      scale === 0
        ? numerator.toString()
        : `${numerator / pow10(scale)}.${(numerator % pow10(scale)).toString().padStart(scale, '0')}`;
    return parseCoverage(text);
  });

describe('parseCoverage', () => {
  it('reads a decimal share as numerator over a power of ten', () => {
    expect(parseCoverage('0.85')).toEqual({ numerator: 85n, scale: 2, text: '0.85' });
    expect(parseCoverage('1')).toEqual({ numerator: 1n, scale: 0, text: '1' });
    expect(parseCoverage('1.000')).toEqual({ numerator: 1000n, scale: 3, text: '1.000' });
  });

  it.each([
    ['0', 'coverage "0" must be greater than 0 and at most 1'],
    ['0.000', 'coverage "0.000" must be greater than 0 and at most 1'],
    ['1.5', 'coverage "1.5" must be greater than 0 and at most 1'],
    ['1.0000001', 'coverage "1.0000001" must be greater than 0 and at most 1'],
    ['abc', 'coverage "abc" is not a plain decimal number'],
    ['-0.5', 'coverage "-0.5" is negative'],
    ['85%', 'coverage "85%" is not a plain decimal number'],
    ['', 'coverage is empty'],
    ['0.1234567890123456789', 'coverage "0.1234567890123456789" has more than 18 decimal places'],
  ])('refuses %j', (text, message) => {
    expect(() => parseCoverage(text)).toThrow(AmountError);
    expect(() => parseCoverage(text)).toThrow(message);
  });

  it('names the field it was given', () => {
    expect(() => parseCoverage('2', 'coverageOverrides.BTC')).toThrow(
      'coverageOverrides.BTC "2" must be',
    );
  });
});

describe('applyCoverage', () => {
  it('pays all of a balance at full coverage', () => {
    expect(applyCoverage(12345n, parseCoverage('1'))).toEqual({
      claimUnits: 12345n,
      remainder: 0n,
    });
  });

  it('floors the claim and keeps the dropped part as remainder', () => {
    // 0.01 BTC (1_000_000 sats) at 0.85 is exactly 850_000; 7 sats at 0.85 is 5.95 → 5 + 95/100.
    expect(applyCoverage(1_000_000n, parseCoverage('0.85'))).toEqual({
      claimUnits: 850_000n,
      remainder: 0n,
    });
    expect(applyCoverage(7n, parseCoverage('0.85'))).toEqual({ claimUnits: 5n, remainder: 95n });
  });

  it('renders summed dust exactly in asset terms', () => {
    const coverage = parseCoverage('0.85');
    const remainders = [7n, 3n, 1n].map((balance) => applyCoverage(balance, coverage).remainder);
    // 0.95 + 0.55 + 0.85 units = 2.35 units = 0.0000000235 BTC at 8 decimals.
    expect(sumRemainders(remainders)).toBe(235n);
    expect(formatDust(235n, 8, coverage.scale)).toBe('0.0000000235');
    expect(formatDust(0n, 8, 2)).toBe('0');
    expect(formatDust(500n, 0, 3)).toBe('0.5');
  });

  it('refuses a negative balance', () => {
    expect(() => applyCoverage(-1n, parseCoverage('1'))).toThrow(RangeError);
  });
});

describe('applyCoverage (property)', () => {
  const balance = fc.bigInt({ min: 0n, max: 10n ** 46n });

  it('claim × 10^scale + remainder equals balance × numerator, remainder below 10^scale', () => {
    fc.assert(
      fc.property(balance, coverageArb, (units, coverage) => {
        const { claimUnits, remainder } = applyCoverage(units, coverage);
        expect(claimUnits * pow10(coverage.scale) + remainder).toBe(units * coverage.numerator);
        expect(remainder >= 0n && remainder < pow10(coverage.scale)).toBe(true);
      }),
    );
  });

  it('never claims more than the balance', () => {
    fc.assert(
      fc.property(balance, coverageArb, (units, coverage) => {
        const { claimUnits } = applyCoverage(units, coverage);
        expect(claimUnits <= units && claimUnits >= 0n).toBe(true);
      }),
    );
  });

  it('Σ claims plus dust equals Σ balance × coverage over many lines', () => {
    fc.assert(
      fc.property(fc.array(balance, { maxLength: 50 }), coverageArb, (balances, coverage) => {
        const results = balances.map((units) => applyCoverage(units, coverage));
        const claimed = results.reduce((sum, r) => sum + r.claimUnits, 0n);
        const dust = sumRemainders(results.map((r) => r.remainder));
        const owedScaled = balances.reduce((sum, units) => sum + units * coverage.numerator, 0n);
        expect(claimed * pow10(coverage.scale) + dust).toBe(owedScaled);
      }),
    );
  });
});
