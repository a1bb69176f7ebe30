/**
 * Reading an untrusted proof file: every field is checked for shape before anything is hashed,
 * and a defect is reported in words that name the field. Pure: runs in the browser.
 */
import { ASSET_PATTERN, HASH_PATTERN, UNITS_PATTERN, type Entry } from './encoding';

export const MAX_PROOF_CHARS = 5_000_000;
export const MAX_PATH_STEPS = 64;

/** A defect in the proof file, raised with the words to show. */
export class ProofDefect extends Error {}

export type Json = Record<string, unknown>;

export function asObject(value: unknown, what: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProofDefect(`${what} is missing or is not an object.`);
  return value as Json;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ProofDefect(`${what} is missing or is not text.`);
  return value;
}

export function asHash(value: unknown, what: string): string {
  const text = asString(value, what);
  if (!HASH_PATTERN.test(text))
    throw new ProofDefect(`${what} is not a SHA-256 hash (64 lowercase hex digits).`);
  return text;
}

export function asArray(value: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new ProofDefect(`${what} is missing or is not a list.`);
  if (value.length > max) throw new ProofDefect(`${what} has more than ${max} entries.`);
  return value;
}

/** The text amounts of a balances map, in no particular order; refuses a negative amount. */
export function amountTexts(value: unknown, what: string): [string, string][] {
  const entries = Object.entries(asObject(value, what));
  for (const [asset, amount] of entries) {
    if (typeof amount !== 'string')
      throw new ProofDefect(`${what}: ${asset} is not a text amount.`);
    if (amount.startsWith('-'))
      throw new ProofDefect(
        `${what}: the ${asset} amount is negative (${amount}). A sum of claims can never be negative.`,
      );
  }
  return entries as [string, string][];
}

/** A Makewhole balances map: valid assets, positive whole units, at least one asset. */
export function unitsBalances(value: unknown, what: string): Entry[] {
  const entries = amountTexts(value, what);
  if (entries.length === 0) throw new ProofDefect(`${what} is empty; every node owes something.`);
  return entries
    .map(([asset, units]): Entry => {
      if (!ASSET_PATTERN.test(asset))
        throw new ProofDefect(`${what}: "${asset}" is not an asset symbol.`);
      if (!UNITS_PATTERN.test(units))
        throw new ProofDefect(
          `${what}: the ${asset} amount "${units}" is not a positive whole number of units.`,
        );
      return [asset, BigInt(units)];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function parseProofText(text: string): unknown {
  if (text.length > MAX_PROOF_CHARS) throw new ProofDefect('The file is too large to be a proof.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProofDefect('The file is not valid JSON.');
  }
}
