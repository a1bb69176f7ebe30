/**
 * One validator per bundle file row. Each returns a typed row or a message; the caller adds `file:line:`.
 * Checks that need the whole file (duplicates, unknown accounts) live with the caller.
 */
import { z } from 'zod';
import {
  ASSET_CODE,
  findHiddenCharacter,
  findNonAscii,
  MAX_ACCOUNT_ID_CHARS,
  type HiddenCharacter,
} from '@/lib/validation/text';
import { AmountError, MAX_DECIMALS, parseAmount, parsePrice, type Price } from '@/lib/money';

export type RowResult<T> =
  { readonly ok: true; readonly row: T } | { readonly ok: false; readonly error: string };

export interface AssetRow {
  readonly asset: string;
  readonly name: string;
  readonly decimals: number;
  readonly chains: readonly string[];
}

export interface PriceRow {
  readonly asset: string;
  /** null when the cell is empty: the asset has no price. */
  readonly usdPrice: Price | null;
}

export interface AccountRow {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string | null;
}

export interface BalanceRow {
  readonly accountId: string;
  readonly asset: string;
  readonly balanceUnits: bigint;
}

export const ASSET_COLUMNS = {
  required: ['asset', 'name', 'decimals', 'chains'],
  optional: [],
} as const;
export const PRICE_COLUMNS = { required: ['asset', 'usd_price'], optional: [] } as const;
export const ACCOUNT_COLUMNS = {
  required: ['account_id', 'email'],
  optional: ['display_name'],
} as const;
export const BALANCE_COLUMNS = {
  required: ['account_id', 'asset', 'balance'],
  optional: [],
} as const;

const CHAIN_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const MAX_NAME_CHARS = 200;
const MAX_CHAINS_PER_ASSET = 256;
const emailSchema = z.email().max(254);

const fail = (error: string) => ({ ok: false, error }) as const;
const quoted = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function validateAssetRow(record: Record<string, string>): RowResult<AssetRow> {
  const { asset = '', name = '', decimals = '', chains = '' } = record;
  if (!ASSET_CODE.test(asset))
    return fail(`asset ${quoted(asset)} must be 1 to 32 of A-Z 0-9 . _ -`);
  const nameError = checkText('name', name, { required: true });
  if (nameError) return fail(nameError);
  const decimalCount = readDecimals(decimals);
  if (decimalCount === undefined) {
    return fail(`decimals ${quoted(decimals)} must be a whole number from 0 to ${MAX_DECIMALS}`);
  }
  const chainIds = readChains(chains);
  if (typeof chainIds === 'string') return fail(chainIds);
  return { ok: true, row: { asset, name, decimals: decimalCount, chains: chainIds } };
}

function readDecimals(text: string): number | undefined {
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const value = Number.parseInt(text, 10);
  return value <= MAX_DECIMALS ? value : undefined;
}

function readChains(text: string): string[] | string {
  const chains = text.split('|');
  if (chains.length > MAX_CHAINS_PER_ASSET)
    return `chains lists more than ${MAX_CHAINS_PER_ASSET} chains`;
  const seen = new Set<string>();
  for (const chain of chains) {
    if (chain === '')
      return `chains ${quoted(text)} must be chain ids separated by "|", none empty`;
    if (!CHAIN_PATTERN.test(chain))
      return `chain ${quoted(chain)} must be 1 to 64 of A-Z a-z 0-9 . _ : -`;
    if (seen.has(chain)) return `chain ${quoted(chain)} is listed twice`;
    seen.add(chain);
  }
  return chains;
}

export function validatePriceRow(record: Record<string, string>): RowResult<PriceRow> {
  const { asset = '', usd_price: price = '' } = record;
  if (!ASSET_CODE.test(asset))
    return fail(`asset ${quoted(asset)} must be 1 to 32 of A-Z 0-9 . _ -`);
  if (price === '') return { ok: true, row: { asset, usdPrice: null } };
  return guarded(() => ({ asset, usdPrice: parsePrice(price, 'usd_price') }));
}

export function validateAccountRow(record: Record<string, string>): RowResult<AccountRow> {
  const { account_id: accountId = '', email = '', display_name: displayName = '' } = record;
  const idError = checkAccountId(accountId);
  if (idError) return fail(idError);
  if (!emailSchema.safeParse(email).success)
    return fail(`email ${quoted(email)} is not a valid email address`);
  const nameError = checkText('display_name', displayName, { required: false });
  if (nameError) return fail(nameError);
  return {
    ok: true,
    row: { accountId, email, displayName: displayName === '' ? null : displayName },
  };
}

export function validateBalanceRow(
  record: Record<string, string>,
  decimalsOf: (asset: string) => number | undefined,
): RowResult<BalanceRow> {
  const { account_id: accountId = '', asset = '', balance = '' } = record;
  const idError = checkAccountId(accountId);
  if (idError) return fail(idError);
  const decimals = decimalsOf(asset);
  if (decimals === undefined) return fail(`unknown asset ${quoted(asset)}`);
  return guarded(() => {
    const balanceUnits = parseAmount(balance, decimals, { label: 'balance', asset });
    if (balanceUnits >= MAX_BALANCE_UNITS) {
      throw new AmountError(
        'balance',
        `${quoted(balance)} is ${balanceUnits.toString().length} digits in ${asset}'s smallest unit; at most ${MAX_BALANCE_DIGITS} are accepted`,
      );
    }
    return { accountId, asset, balanceUnits };
  });
}

/**
 * Digits one balance may have in its asset's smallest unit: far beyond any asset's whole supply
 * (2^128 has 39), and small enough that the sum of a billion balances still fits the 78 digits
 * both engines store amounts in.
 */
export const MAX_BALANCE_DIGITS = 68;
const MAX_BALANCE_UNITS = 10n ** BigInt(MAX_BALANCE_DIGITS);

function checkAccountId(accountId: string): string | undefined {
  if (accountId === '') return 'account_id is empty';
  // Named by code point only: echoing a lookalike or an override would repeat the problem.
  const other = findNonAscii(accountId);
  if (other) {
    return `account_id character ${other.position} is ${other.codePoint}: an account id is printable ASCII (U+0021 to U+007E), without spaces`;
  }
  if (accountId.length > MAX_ACCOUNT_ID_CHARS)
    return `account_id ${quoted(accountId)} is longer than ${MAX_ACCOUNT_ID_CHARS} characters`;
  return undefined;
}

const HIDDEN_KINDS: Record<HiddenCharacter['kind'], string> = {
  broken: 'a broken character (a lone surrogate)',
  direction: 'the hidden text-direction character',
  control: 'the control character',
  'line-break': 'the line break',
  invisible: 'the invisible character',
};

/**
 * What hides in a name or other text of the bundle, as "character 4 is …", or null. Staff read
 * these beside identifiers, so every hidden character is refused, wherever it stands.
 */
export function hiddenTextProblem(text: string): string | null {
  const hidden = findHiddenCharacter(text, { multiline: false, strict: true });
  if (!hidden) return null;
  const what = hidden.name ? `the ${hidden.name}` : HIDDEN_KINDS[hidden.kind];
  return `character ${hidden.position} is ${what} ${hidden.codePoint}, which would make it read differently than it is stored`;
}

function checkText(
  field: string,
  text: string,
  { required }: { required: boolean },
): string | undefined {
  if (required && text.trim() === '') return `${field} is empty`;
  if (text.length > MAX_NAME_CHARS && [...text].length > MAX_NAME_CHARS)
    return `${field} is longer than ${MAX_NAME_CHARS} characters`;
  const hidden = hiddenTextProblem(text);
  return hidden ? `${field} ${hidden}` : undefined;
}

function guarded<T>(build: () => T): RowResult<T> {
  try {
    return { ok: true, row: build() };
  } catch (error) {
    if (error instanceof AmountError) return fail(error.message);
    throw error;
  }
}
