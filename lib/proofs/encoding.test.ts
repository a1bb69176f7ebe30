import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExact } from '@/lib/money/decimal';
import { addSums, balancesLine, coinexAmount, coinexBalancesJson } from './encoding';

describe('proof encodings', () => {
  it('writes a balances line sorted by asset, in integer units', () => {
    expect(
      balancesLine([
        ['1INCH', 5n],
        ['BTC', 150000000n],
        ['ETH', 2n],
      ]),
    ).toBe('1INCH:5,BTC:150000000,ETH:2');
  });

  it('adds sparse sums per asset, keeping byte order', () => {
    expect(
      addSums(
        [
          ['A', 1n],
          ['C', 3n],
        ],
        [
          ['B', 2n],
          ['C', 4n],
          ['D', 5n],
        ],
      ),
    ).toEqual([
      ['A', 1n],
      ['B', 2n],
      ['C', 7n],
      ['D', 5n],
    ]);
  });

  it('writes CoinEx amounts in plain notation without trailing fractional zeros', () => {
    expect(coinexAmount(1010n, 2)).toBe('10.1');
    expect(coinexAmount(9200n, 1)).toBe('920');
    expect(coinexAmount(5n, 8)).toBe('0.00000005');
    expect(coinexAmount(7n, 0)).toBe('7');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.nat({ max: 30 }), (units, d) => {
        expect(coinexAmount(units, d)).toBe(formatExact(units, d));
      }),
    );
  });

  it('serialises CoinEx balances compactly with keys in byte order, even number-like ones', () => {
    expect(
      coinexBalancesJson([
        ['USDT', '374.250573'],
        ['BTC', '0.5'],
        ['2024', '1'],
      ]),
    ).toBe('{"2024":"1","BTC":"0.5","USDT":"374.250573"}');
    // What JSON.stringify would do with an object: integer-like keys first, in numeric order.
    expect(JSON.stringify({ B: '1', '10': '1', '9': '1' })).toBe('{"9":"1","10":"1","B":"1"}');
    expect(
      coinexBalancesJson([
        ['B', '1'],
        ['10', '1'],
        ['9', '1'],
      ]),
    ).toBe('{"10":"1","9":"1","B":"1"}');
  });
});
