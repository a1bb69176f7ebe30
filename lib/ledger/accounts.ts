// Ledger account names. Per claimant: `claim:<id>` (what is owed: snapshot claims plus
// adjustments) and `paid:<id>` (what was paid out). Each has a program-side counter account so
// that every transaction sums to zero per asset.
export const claimAccount = (accountId: string) => `claim:${accountId}`;
export const paidAccount = (accountId: string) => `paid:${accountId}`;

export const PROGRAM = {
  snapshot: 'program:snapshot',
  adjustments: 'program:adjustments',
  payouts: 'program:payouts',
} as const;
