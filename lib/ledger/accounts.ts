// Ledger account names. Per claimant: `claim:<id>` (what is owed: snapshot claims plus
// adjustments) and `paid:<id>` (what was paid out). Each has a program-side counter account so
// that every transaction sums to zero per asset. Every name is built and read here, in code and
// in SQL alike, so the stored form can change (or move to another engine) in one place.
const CLAIM = 'claim:';
const PAID = 'paid:';

export const claimAccount = (accountId: string) => `${CLAIM}${accountId}`;
export const paidAccount = (accountId: string) => `${PAID}${accountId}`;

export const PROGRAM = {
  snapshot: 'program:snapshot',
  adjustments: 'program:adjustments',
  payouts: 'program:payouts',
} as const;

export type ParsedAccount =
  { side: 'claim' | 'paid'; accountId: string } | { side: 'program'; name: string };

/** What a ledger account name stands for; null for a name this ledger never writes. */
export function parseAccount(account: string): ParsedAccount | null {
  if (account.startsWith(CLAIM)) return { side: 'claim', accountId: account.slice(CLAIM.length) };
  if (account.startsWith(PAID)) return { side: 'paid', accountId: account.slice(PAID.length) };
  const program = Object.values(PROGRAM).find((name) => name === account);
  return program ? { side: 'program', name: program.slice('program:'.length) } : null;
}

/** The claimant id in a `claim:<id>` name; throws on any other name (a caller's mistake). */
export function claimantOf(account: string): string {
  if (!account.startsWith(CLAIM)) throw new Error(`${account} is not a claim account`);
  return account.slice(CLAIM.length);
}

/**
 * Bounds of every name of one side, for an indexed range scan (`account >= lo AND account < hi`):
 * ';' sorts right after ':', so the range holds exactly the names with that prefix.
 */
export const CLAIM_RANGE = [CLAIM, 'claim;'] as const;
export const PAID_RANGE = [PAID, 'paid;'] as const;

/** SQL: the claimant id of a claim account column (`substr(account, 7)`). */
export const claimantIdSql = (column: string) => `substr(${column}, ${CLAIM.length + 1})`;

/**
 * For verify, which reads names as stored, however they came there: a LIKE pattern of every paid
 * account name, the claim account beside a paid account column in SQL, and the claimant id of a
 * name that pattern matched.
 */
export const PAID_LIKE = `${PAID}%`;
export const claimOfPaidSql = (column: string) =>
  `'${CLAIM}' || substr(${column}, ${PAID.length + 1})`;
export const claimantOfPaidName = (account: string) => account.slice(PAID.length);
