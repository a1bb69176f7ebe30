/**
 * The asset universe of a generated bundle: well-known assets with their real decimals first,
 * then invented ones, 737 in all on 211 chains, in order of popularity.
 */
import type { Random } from './prng';

export const ASSET_COUNT = 737;
export const CHAIN_COUNT = 211;
/** ~3% of assets have no price: half with an empty cell, half with no row. */
const UNPRICED_COUNT = 22;

export interface SyntheticAsset {
  readonly asset: string;
  readonly name: string;
  readonly decimals: number;
  readonly chains: readonly string[];
  /** null: no price; `priceRow` says whether prices.csv still lists it with an empty cell. */
  readonly usdPrice: string | null;
  readonly priceRow: boolean;
}

type Known = readonly [asset: string, name: string, decimals: number, usdPrice: string];

const KNOWN: readonly Known[] = [
  ['BTC', 'Bitcoin', 8, '67012.55'],
  ['ETH', 'Ether', 18, '3456.78'],
  ['USDT', 'Tether USD', 6, '1.0001'],
  ['USDC', 'USD Coin', 6, '0.9999'],
  ['BNB', 'BNB', 18, '587.3'],
  ['SOL', 'Solana', 9, '145.12'],
  ['XRP', 'XRP', 6, '0.5234'],
  ['DOGE', 'Dogecoin', 8, '0.1234'],
  ['ADA', 'Cardano', 6, '0.4521'],
  ['TRX', 'TRON', 6, '0.1212'],
  ['TON', 'Toncoin', 9, '6.78'],
  ['SHIB', 'Shiba Inu', 18, '0.00001712'],
  ['AVAX', 'Avalanche', 18, '27.5'],
  ['DOT', 'Polkadot', 10, '6.1'],
  ['LINK', 'Chainlink', 18, '14.2'],
  ['NEAR', 'NEAR Protocol', 24, '5.12'],
  ['LTC', 'Litecoin', 8, '72.3'],
  ['BCH', 'Bitcoin Cash', 8, '380.2'],
  ['XLM', 'Stellar', 7, '0.0981'],
  ['ATOM', 'Cosmos', 6, '7.9'],
  ['XMR', 'Monero', 12, '120.4'],
  ['ETC', 'Ethereum Classic', 18, '22.5'],
  ['FIL', 'Filecoin', 18, '4.2'],
  ['APT', 'Aptos', 8, '7.1'],
  ['ARB', 'Arbitrum', 18, '0.8'],
  ['OP', 'Optimism', 18, '1.6'],
  ['HBAR', 'Hedera', 8, '0.0712'],
  ['PEPE', 'Pepe', 18, '0.0000082'],
  ['DAI', 'Dai', 18, '1.0002'],
  ['EOS', 'EOS', 4, '0.52'],
  ['KSM', 'Kusama', 12, '19.7'],
  ['XTZ', 'Tezos', 6, '0.71'],
];

/** Decimals seen on real exchanges, weighted by how often they occur. */
const DECIMAL_WEIGHTS: ReadonlyArray<readonly [decimals: number, weight: number]> = [
  [18, 45],
  [6, 14],
  [8, 14],
  [9, 7],
  [2, 6],
  [0, 6],
  [4, 2],
  [10, 2],
  [12, 2],
  [24, 1],
  [30, 1],
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'zen',
  'tra',
  'vo',
  'qua',
  'rin',
  'sol',
  'dex',
  'nu',
  'ba',
  'cor',
  'fi',
  'xy',
];
const SUFFIXES = ['Token', 'Coin', 'Protocol', 'Network', 'Finance', 'Swap', 'DAO', 'Chain'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function chainId(index: number): string {
  return `chain-${String(index + 1).padStart(3, '0')}`;
}

/** Assets in popularity order (most held first). */
export function generateAssets(random: Random): SyntheticAsset[] {
  const used = new Set(KNOWN.map(([asset]) => asset));
  const drafts = KNOWN.map(([asset, name, decimals, usdPrice]) => ({
    asset,
    name,
    decimals,
    usdPrice,
  }));
  while (drafts.length < ASSET_COUNT) {
    const asset = inventTicker(random, used);
    drafts.push({
      asset,
      name: inventName(random),
      decimals: weightedDecimals(random),
      usdPrice: inventPrice(random),
    });
  }
  // Long-tail assets with the extreme precisions exist on every large exchange.
  for (const [index, decimals] of [
    [100, 30],
    [400, 30],
    [250, 24],
  ] as const) {
    const draft = drafts[index];
    if (draft) draft.decimals = decimals;
  }
  const unpriced = chooseUnpriced(random);
  return drafts.map((draft, index) => ({
    ...draft,
    chains: chooseChains(random, index),
    usdPrice: unpriced.has(index) ? null : draft.usdPrice,
    priceRow: !unpriced.has(index) || index % 2 === 0,
  }));
}

function inventTicker(random: Random, used: Set<string>): string {
  for (;;) {
    const length = random.int(3, 6);
    let ticker = '';
    for (let index = 0; index < length; index += 1) ticker += LETTERS.charAt(random.int(0, 25));
    if (!used.has(ticker)) {
      used.add(ticker);
      return ticker;
    }
  }
}

function inventName(random: Random): string {
  const stem = Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join('');
  return `${stem.charAt(0).toUpperCase()}${stem.slice(1)} ${random.pick(SUFFIXES)}`;
}

function weightedDecimals(random: Random): number {
  let roll = random.int(1, 100);
  for (const [decimals, weight] of DECIMAL_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return decimals;
  }
  return 18;
}

/** mantissa × 10^exponent with a 4-digit mantissa spans 1e-8 .. 1e5 USD, log-uniformly. */
function inventPrice(random: Random): string {
  const mantissa = String(random.int(1000, 9999));
  const exponent = random.int(-11, 1);
  if (exponent >= 0) return mantissa + '0'.repeat(exponent);
  const digits = mantissa.padStart(-exponent + 1, '0');
  const fraction = digits.slice(exponent).replace(/0+$/, '');
  return fraction === '' ? digits.slice(0, exponent) : `${digits.slice(0, exponent)}.${fraction}`;
}

/** Unpriced assets come from the long tail: an unpriced major would be unrealistic. */
function chooseUnpriced(random: Random): Set<number> {
  const chosen = new Set<number>();
  while (chosen.size < UNPRICED_COUNT) chosen.add(random.int(KNOWN.length, ASSET_COUNT - 1));
  return chosen;
}

/** The first CHAIN_COUNT assets take one chain each in turn, so every chain is used. */
function chooseChains(random: Random, assetIndex: number): string[] {
  const chains = new Set([assetIndex % CHAIN_COUNT]);
  const roll = random.next();
  const total = roll < 0.55 ? 1 : roll < 0.8 ? 2 : roll < 0.92 ? 3 : 4;
  while (chains.size < total) chains.add(random.int(0, CHAIN_COUNT - 1));
  return [...chains].sort((a, b) => a - b).map(chainId);
}
