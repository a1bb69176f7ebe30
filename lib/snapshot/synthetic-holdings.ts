/**
 * Who holds what in a generated bundle: most accounts hold a few popular assets, a few whales
 * hold hundreds, and balances follow a Pareto law (many small, very few huge).
 */
import { formatExact } from '@/lib/money';
import type { Random } from './prng';
import type { SyntheticAsset } from './synthetic-assets';

export interface Holding {
  readonly asset: SyntheticAsset;
  readonly balance: string;
}

/** One account in 500 is a whale: placed by number, so even small bundles average ~5 lines. */
const WHALE_EVERY = 500;
const ZERO_BALANCE_SHARE = 0.004;
/** Pareto shape: 80% of the value sits with 20% of the holders. */
const PARETO_ALPHA = 1.16;
const PARETO_MINIMUM = 0.05;
const MAX_INTEGER_EXPONENT = 11;

/** Samples popular assets far more often than the long tail (Zipf-like). */
export class AssetPicker {
  private readonly cumulative: number[] = [];

  constructor(readonly assets: readonly SyntheticAsset[]) {
    let total = 0;
    for (let rank = 0; rank < assets.length; rank += 1) {
      total += 1 / (rank + 1) ** 1.05;
      this.cumulative.push(total);
    }
  }

  pickIndex(random: Random): number {
    const target = random.next() * (this.cumulative.at(-1) ?? 0);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export function generateHoldings(
  random: Random,
  picker: AssetPicker,
  accountNumber: number,
): Holding[] {
  const whale = accountNumber % WHALE_EVERY === WHALE_EVERY / 2;
  const indexes = whale
    ? spreadIndexes(random, picker.assets.length, random.int(100, 400))
    : popularIndexes(random, picker, random.int(1, 8));
  return indexes.map((index) => {
    const asset = picker.assets[index] as SyntheticAsset;
    return { asset, balance: randomBalance(random, asset.decimals) };
  });
}

function popularIndexes(random: Random, picker: AssetPicker, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(picker.pickIndex(random));
  return [...chosen].sort((a, b) => a - b);
}

/** Whales hold a uniform spread of the universe: partial Fisher–Yates. */
function spreadIndexes(random: Random, universe: number, count: number): number[] {
  const indexes = Array.from({ length: universe }, (_, index) => index);
  for (let index = 0; index < count; index += 1) {
    const swap = random.int(index, universe - 1);
    [indexes[index], indexes[swap]] = [indexes[swap] as number, indexes[index] as number];
  }
  return indexes.slice(0, count).sort((a, b) => a - b);
}

/** A plain decimal with at most `decimals` fractional digits, trailing zeros trimmed. */
export function randomBalance(random: Random, decimals: number): string {
  if (random.next() < ZERO_BALANCE_SHARE) return '0';
  const wholeUnits = PARETO_MINIMUM / (1 - random.next()) ** (1 / PARETO_ALPHA);
  const exponent = Math.min(MAX_INTEGER_EXPONENT, Math.floor(Math.log10(wholeUnits)));
  const length = Math.max(1, exponent + decimals + 1);
  // People hold round amounts as often as dusty ones: keep only the first few digits sometimes.
  const significant = random.next() < 0.5 ? length : Math.min(length, random.int(1, 6));
  return formatExact(
    BigInt(randomDigits(random, significant) + '0'.repeat(length - significant)),
    decimals,
  );
}

function randomDigits(random: Random, count: number): string {
  let digits = String(random.int(1, 9));
  while (digits.length < count) {
    const take = Math.min(9, count - digits.length);
    digits += String(random.int(0, 10 ** take - 1)).padStart(take, '0');
  }
  return digits;
}
