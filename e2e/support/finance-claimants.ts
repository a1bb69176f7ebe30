/** The finance journeys' claimants (see seed-finance.ts): two acknowledged claims, one dispute. */
export const FINANCE_CLAIMANTS = {
  dave: { email: 'dave@demo.test', accountId: 'acct-0000004' },
  erin: { email: 'erin@demo.test', accountId: 'acct-0000005' },
  frank: { email: 'frank@demo.test', accountId: 'acct-0000006' },
} as const;

export const ERIN_EXPLANATION = 'I deposited one more before the hack; see my support ticket.';
