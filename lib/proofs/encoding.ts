/**
 * The canonical byte encodings of both proof formats (docs/PROOFS.md), shared by the server that
 * builds the tree and the browser that checks a proof. Pure: no Node-only imports.
 */
import { formatExact } from '@/lib/money/decimal';
import { compareUtf8 } from '@/lib/ledger/utf8-order';

export const PROOF_FORMAT = 'makewhole-proof/v1';

/** Asset symbols as the snapshot bundle allows them: never contain `:`, `,` or a newline. */
export const ASSET_PATTERN = /^[A-Z0-9._-]{1,32}$/;
/** A positive whole number of units, canonical (no sign, no leading zero). */
export const UNITS_PATTERN = /^[1-9][0-9]*$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** An amount per asset, sorted by asset in byte order, every amount > 0 (sparse: no zeros). */
export type Entry = readonly [asset: string, units: bigint];
export type Sums = readonly Entry[];

/** `BTC:150000000,ETH:2` — the one line that stands for a balances map in every preimage. */
export function balancesLine(sums: Sums): string {
  let line = '';
  for (const [asset, units] of sums) line += `${line === '' ? '' : ','}${asset}:${units}`;
  return line;
}

/** Binds a leaf to one account without revealing it: only the nonce's holder can open it. */
export const accountPreimage = (nonceHex: string, accountId: string) =>
  `${PROOF_FORMAT} account\n${nonceHex}\n${accountId}`;

export const leafPreimage = (commitmentHex: string, sums: Sums) =>
  leafPreimageOfLine(commitmentHex, balancesLine(sums));

/** `leafPreimage` for a leaf whose balances line is already known. */
export const leafPreimageOfLine = (commitmentHex: string, line: string) =>
  `${PROOF_FORMAT} leaf\n${commitmentHex}\n${line}\n`;

/** A node commits to each child's hash and each child's own sums, not only to their total. */
export const nodePreimage = (
  left: { hash: string; sums: Sums },
  right: { hash: string; sums: Sums },
) => nodePreimageOfLines(left.hash, balancesLine(left.sums), right.hash, balancesLine(right.sums));

/** `nodePreimage` for children whose balances lines are already known. */
export const nodePreimageOfLines = (
  leftHash: string,
  leftLine: string,
  rightHash: string,
  rightLine: string,
) => `${PROOF_FORMAT} node\n${leftHash}\n${leftLine}\n${rightHash}\n${rightLine}\n`;

/** The root of a tree without a single leaf (no claim is owed). */
export const EMPTY_TREE_PREIMAGE = `${PROOF_FORMAT} empty\n`;

/**
 * Adds two sparse sums; both sorted, so one linear merge keeps the result sorted. Asset symbols
 * are ASCII (ASSET_PATTERN), where `<` is byte order.
 */
export function addSums(a: Sums, b: Sums): Entry[] {
  const sum: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Entry;
    const y = b[j] as Entry;
    if (x[0] < y[0]) {
      sum.push(x);
      i += 1;
    } else if (x[0] > y[0]) {
      sum.push(y);
      j += 1;
    } else {
      sum.push([x[0], x[1] + y[1]]);
      i += 1;
      j += 1;
    }
  }
  for (; i < a.length; i += 1) sum.push(a[i] as Entry);
  for (; j < b.length; j += 1) sum.push(b[j] as Entry);
  return sum;
}

/** The CoinEx verifier's amount: plain decimal in asset units, trailing fractional zeros removed. */
export function coinexAmount(units: bigint, decimals: number): string {
  if (units < 0n || decimals === 0) return formatExact(units, decimals);
  // The tree formats millions of amounts: string slicing, no regular expression.
  const digits = units.toString().padStart(decimals + 1, '0');
  const point = digits.length - decimals;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end -= 1;
  return end === point
    ? digits.slice(0, point)
    : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
}

/**
 * The CoinEx verifier's balances map: compact JSON, keys in ascending byte order, values as
 * strings. Built by hand because a JS object would list integer-like keys ("1000") first.
 */
export function coinexBalancesJson(entries: readonly (readonly [string, string])[]): string {
  const sorted = [...entries].sort(([a], [b]) => compareUtf8(a, b));
  return `{${sorted.map(([asset, amount]) => `${JSON.stringify(asset)}:${JSON.stringify(amount)}`).join(',')}}`;
}
