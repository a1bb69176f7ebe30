import type Database from 'better-sqlite3';
import { parsePrice } from '@/lib/money';
import { pow10 } from '@/lib/money/decimal';

export type AssetPrice = { decimals: number; numerator: bigint; scale: number } | null;

/** Every asset's decimals and price (null without a price). */
export function assetPrices(sqlite: Database.Database): Map<string, AssetPrice> {
  const rows = sqlite
    .prepare('SELECT asset, decimals, usd_price AS usdPrice FROM assets')
    .all() as {
    asset: string;
    decimals: number;
    usdPrice: string | null;
  }[];
  return new Map(
    rows.map((r) => {
      if (r.usdPrice === null) return [r.asset, null];
      const price = parsePrice(r.usdPrice);
      return [r.asset, { decimals: r.decimals, numerator: price.numerator, scale: price.scale }];
    }),
  );
}

/**
 * USD in one fixed-point scale for all assets, so sums across assets are plain bigint additions:
 * `units × factor(asset)` is the USD value times 10^scale.
 */
export class UsdScale {
  readonly scale: number;
  private readonly factors = new Map<string, bigint>();

  constructor(prices: Map<string, AssetPrice>) {
    let scale = 0;
    for (const p of prices.values()) if (p) scale = Math.max(scale, p.decimals + p.scale);
    this.scale = scale;
    for (const [asset, p] of prices) {
      this.factors.set(asset, p ? p.numerator * pow10(scale - p.decimals - p.scale) : 0n);
    }
  }

  scaled(asset: string, units: bigint): bigint {
    return units * (this.factors.get(asset) ?? 0n);
  }

  /** Whole dollars, scaled: `dollars × 10^scale`. */
  dollars(dollars: bigint): bigint {
    return dollars * pow10(this.scale);
  }
}
