import { describe, expect, it } from 'vitest';
import {
  MAX_BALANCE_DIGITS,
  validateAccountRow,
  validateAssetRow,
  validateBalanceRow,
  validatePriceRow,
} from './rows';

const errorOf = (result: { ok: boolean; error?: string }) => (result.ok ? undefined : result.error);

const hidden = (what: string, field = 'display_name', position = 4) =>
  `${field} character ${position} is ${what}, which would make it read differently than it is stored`;

describe('validateAssetRow', () => {
  const asset = (changes: Record<string, string> = {}) =>
    validateAssetRow({
      asset: 'BTC',
      name: 'Bitcoin',
      decimals: '8',
      chains: 'chain-001|chain-002',
      ...changes,
    });

  it('reads an asset with its chains', () => {
    expect(asset()).toEqual({
      ok: true,
      row: { asset: 'BTC', name: 'Bitcoin', decimals: 8, chains: ['chain-001', 'chain-002'] },
    });
    expect(asset({ asset: 'USDT.E_2-X', decimals: '30' }).ok).toBe(true);
    expect(asset({ decimals: '0' }).ok).toBe(true);
  });

  it.each([
    [{ asset: '' }, 'asset "" must be 1 to 32 of A-Z 0-9 . _ -'],
    [{ asset: 'btc' }, 'asset "btc" must be 1 to 32 of A-Z 0-9 . _ -'],
    [{ asset: 'A'.repeat(33) }, `asset "${'A'.repeat(33)}" must be 1 to 32 of A-Z 0-9 . _ -`],
    [{ name: ' ' }, 'name is empty'],
    [{ name: 'Bit\u202Ecoin' }, hidden('the hidden text-direction character U+202E', 'name')],
    [{ name: 'Bit\u200Bcoin' }, hidden('the zero-width space U+200B', 'name')],
    [{ decimals: '31' }, 'decimals "31" must be a whole number from 0 to 30'],
    [{ decimals: '-1' }, 'decimals "-1" must be a whole number from 0 to 30'],
    [{ decimals: '2.5' }, 'decimals "2.5" must be a whole number from 0 to 30'],
    [{ decimals: '８' }, 'decimals "８" must be a whole number from 0 to 30'],
    [{ decimals: '' }, 'decimals "" must be a whole number from 0 to 30'],
    [{ chains: '' }, 'chains "" must be chain ids separated by "|", none empty'],
    [
      { chains: 'chain-001|' },
      'chains "chain-001|" must be chain ids separated by "|", none empty',
    ],
    [{ chains: 'chain-001|chain-001' }, 'chain "chain-001" is listed twice'],
    [{ chains: 'chain 1' }, 'chain "chain 1" must be 1 to 64 of A-Z a-z 0-9 . _ : -'],
  ])('refuses %j', (changes, message) => {
    expect(errorOf(asset(changes))).toBe(message);
  });
});

describe('validatePriceRow', () => {
  it('reads a price exactly and an empty cell as no price', () => {
    expect(validatePriceRow({ asset: 'BTC', usd_price: '67012.55' })).toEqual({
      ok: true,
      row: { asset: 'BTC', usdPrice: { numerator: 6701255n, scale: 2, text: '67012.55' } },
    });
    expect(validatePriceRow({ asset: 'BTC', usd_price: '' })).toEqual({
      ok: true,
      row: { asset: 'BTC', usdPrice: null },
    });
  });

  it('refuses a price that is not a plain decimal >= 0', () => {
    expect(errorOf(validatePriceRow({ asset: 'BTC', usd_price: '-1' }))).toBe(
      'usd_price "-1" is negative',
    );
    expect(errorOf(validatePriceRow({ asset: 'BTC', usd_price: '1e-8' }))).toBe(
      'usd_price "1e-8" uses exponent notation; write all the digits',
    );
  });
});

describe('validateAccountRow', () => {
  const account = (changes: Record<string, string> = {}) =>
    validateAccountRow({
      account_id: 'acct-1',
      email: 'one@example.test',
      display_name: 'Ada',
      ...changes,
    });

  it('reads an account, an empty display name being none', () => {
    expect(account()).toEqual({
      ok: true,
      row: { accountId: 'acct-1', email: 'one@example.test', displayName: 'Ada' },
    });
    expect(account({ display_name: '' })).toMatchObject({ row: { displayName: null } });
    expect(validateAccountRow({ account_id: 'x', email: 'a@b.co' })).toMatchObject({
      row: { displayName: null },
    });
    expect(account({ account_id: '!~'.repeat(32) }).ok).toBe(true);
  });

  const notAscii = (position: number, codePoint: string) =>
    `account_id character ${position} is ${codePoint}: an account id is printable ASCII (U+0021 to U+007E), without spaces`;

  it.each([
    [{ account_id: '' }, 'account_id is empty'],
    [{ account_id: 'a'.repeat(65) }, `account_id "${'a'.repeat(65)}" is longer than 64 characters`],
    [{ account_id: 'acct\u00001' }, notAscii(5, 'U+0000')],
    [{ account_id: ' acct-1' }, notAscii(1, 'U+0020')],
    [{ account_id: 'acct 1' }, notAscii(5, 'U+0020')],
    [{ account_id: 'acct-1\u007F' }, notAscii(7, 'U+007F')],
    [{ account_id: '\u0430cct-1' }, notAscii(1, 'U+0430')], // Cyrillic a
    [{ account_id: 'acct-\uFF11' }, notAscii(6, 'U+FF11')], // fullwidth 1
    [{ account_id: 'acct\u202E1' }, notAscii(5, 'U+202E')],
    [{ account_id: '😀acct' }, notAscii(1, 'U+1F600')],
    [{ account_id: 'é'.repeat(64) }, notAscii(1, 'U+00E9')],
    [{ email: 'not-an-email' }, 'email "not-an-email" is not a valid email address'],
    [{ email: '' }, 'email "" is not a valid email address'],
    [{ email: 'a@b' }, 'email "a@b" is not a valid email address'],
    [{ email: 'ｏne@example.test' }, 'email "ｏne@example.test" is not a valid email address'],
    [{ display_name: 'Ada\nLovelace' }, hidden('the control character U+000A')],
    [{ display_name: 'Ada\u202Eecalevol' }, hidden('the hidden text-direction character U+202E')],
    [{ display_name: 'Ada\u2066x\u2069' }, hidden('the hidden text-direction character U+2066')],
    [{ display_name: 'Ada\u200Fx' }, hidden('the right-to-left mark U+200F')],
    [{ display_name: 'Ada\u200Ex' }, hidden('the left-to-right mark U+200E')],
    [{ display_name: 'Ada\u061Cx' }, hidden('the Arabic letter mark U+061C')],
    [{ display_name: 'Ada\u200Bx' }, hidden('the zero-width space U+200B')],
    [{ display_name: 'Ada\u200Cx' }, hidden('the zero-width non-joiner U+200C')],
    [{ display_name: 'Ada\u200Dx' }, hidden('the zero-width joiner U+200D')],
    [{ display_name: 'Ada\u2060x' }, hidden('the word joiner U+2060')],
    [{ display_name: 'Ada\uFEFFx' }, hidden('the zero-width no-break space U+FEFF')],
    [{ display_name: 'Ada\u00ADx' }, hidden('the soft hyphen U+00AD')],
    [{ display_name: 'Ada\u2028x' }, hidden('the line break U+2028')],
    [{ display_name: 'Ada\u0600x' }, hidden('the invisible character U+0600')],
  ])('refuses %j', (changes, message) => {
    expect(errorOf(account(changes))).toBe(message);
  });
});

describe('validateBalanceRow', () => {
  const decimalsOf = (asset: string) => ({ BTC: 8, CENT: 2 })[asset];
  const balance = (changes: Record<string, string> = {}) =>
    validateBalanceRow(
      { account_id: 'acct-1', asset: 'BTC', balance: '1.5', ...changes },
      decimalsOf,
    );

  it('reads a balance in units of its asset', () => {
    expect(balance()).toEqual({
      ok: true,
      row: { accountId: 'acct-1', asset: 'BTC', balanceUnits: 150_000_000n },
    });
    expect(balance({ balance: '0' })).toMatchObject({ row: { balanceUnits: 0n } });
  });

  it('refuses a balance with more decimals than its asset', () => {
    expect(errorOf(balance({ asset: 'CENT', balance: '1.123' }))).toBe(
      'balance "1.123" has 3 decimal places but CENT allows 2',
    );
  });

  it('refuses a balance of more digits than both engines can sum exactly, and takes one fewer', () => {
    const largest = '9'.repeat(MAX_BALANCE_DIGITS - 8);
    expect(balance({ balance: largest })).toMatchObject({
      row: { balanceUnits: BigInt(largest) * 10n ** 8n },
    });
    expect(errorOf(balance({ balance: `1${'0'.repeat(MAX_BALANCE_DIGITS - 8)}` }))).toBe(
      `balance "1${'0'.repeat(MAX_BALANCE_DIGITS - 8)}" is ${MAX_BALANCE_DIGITS + 1} digits in BTC's smallest unit; at most ${MAX_BALANCE_DIGITS} are accepted`,
    );
  });

  it('reports a balance in an unknown asset', () => {
    expect(errorOf(balance({ asset: 'XYZ' }))).toBe('unknown asset "XYZ"');
  });

  it('refuses a balance row with a bad account id', () => {
    expect(errorOf(balance({ account_id: '' }))).toBe('account_id is empty');
    expect(errorOf(balance({ account_id: 'acct\u200B1' }))).toMatch(
      /^account_id character 5 is U\+200B: /,
    );
  });
});
