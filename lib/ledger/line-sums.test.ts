import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssetSums } from './line-sums';

const text = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');

function sumsOf(lines: string[], fieldsBefore = 1) {
  const sums = new AssetSums();
  if (!sums.addLines(text(lines), lines.length, fieldsBefore)) return null;
  return Object.fromEntries([...sums.totals()].map(([asset, units, n]) => [asset, [units, n]]));
}

describe('exact sums of joined lines', () => {
  it('equal bigint sums, across many carries and amounts of any length', () => {
    const amount = fc.oneof(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
    );
    const asset = fc.constantFrom('BTC', 'ETH', 'A', 'LONGASSET', 'ÉTOILE', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(asset, amount), { maxLength: 300 }), (lines) => {
        const expected: Record<string, [bigint, number]> = {};
        for (const [a, units] of lines) {
          const [sum, n] = expected[a] ?? [0n, 0];
          expected[a] = [sum + units, n + 1];
        }
        expect(sumsOf(lines.map(([a, units]) => `acct\t${a}\t${units}`))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('stay exact where one double would not: 10,000 amounts just under 10^12 and one off by one', () => {
    const big = 999_999_999_999n;
    const lines = Array.from({ length: 10_000 }, () => `a\tBTC\t${big}`);
    lines.push(`b\tBTC\t${-(big * 10_000n) + 1n}`);
    expect(sumsOf(lines)).toEqual({ BTC: [1n, 10_001] });
  });

  it.each([
    ['a leading zero', ['a\tBTC\t05']],
    ['a minus alone', ['a\tBTC\t-']],
    ['no amount', ['a\tBTC\t']],
    ['a plus sign', ['a\tBTC\t+5']],
    ['a space', ['a\tBTC\t5 ']],
    ['a long amount with a letter', [`a\tBTC\t${'9'.repeat(40)}x`]],
    ['a tab in a value', ['a\tB\tTC\t5']],
    ['a field too few', ['BTC\t5']],
  ])('refuse %s', (_name, lines) => {
    expect(sumsOf(lines)).toBeNull();
  });

  it('refuse lines that do not add up to the count given', () => {
    const sums = new AssetSums();
    expect(sums.addLines(text(['a\tBTC\t5', 'b\tBTC\t-5']), 1, 1)).toBe(false);
    expect(new AssetSums().addLines(text(['a\tBTC\t5']), 2, 1)).toBe(false);
    expect(new AssetSums().addLines(Buffer.from('a\tBTC\t5'), 1, 1)).toBe(false);
    // One line of units, one of account and asset: not one line of all three.
    expect(new AssetSums().addLines(text(['a\tBTC', '5']), 1, 1)).toBe(false);
    expect(new AssetSums().addLines(text(['a', 'BTC\t5']), 1, 1)).toBe(false);
  });

  it('accept zero, minus zero and a negative amount as the stored form allows', () => {
    expect(sumsOf(['a\tBTC\t0', 'b\tBTC\t-0', 'c\tBTC\t-7'])).toEqual({ BTC: [-7n, 3] });
  });

  it('pass every amount of a hooked asset to its hook, and stop when it refuses one', () => {
    const seen: bigint[] = [];
    const sums = new AssetSums((asset) =>
      asset === 'DOGE' ? (units) => (seen.push(units), units >= 0n) : undefined,
    );
    const lines = ['DOGE\t10', 'BTC\t3', `DOGE\t${10n ** 30n}`];
    expect(sums.addLines(text(lines), 3, 0)).toBe(true);
    expect(seen).toEqual([10n, 10n ** 30n]);
    expect(sums.addLines(text(['DOGE\t-1']), 1, 0)).toBe(false);
  });
});
