/**
 * The finance journeys' claimants (see seed-finance.ts): dave's, frank's and kate's claims
 * acknowledged, erin's disputed; heidi acknowledges hers in the held-claim journey, then disputes it.
 */
export const FINANCE_CLAIMANTS = {
  dave: { email: 'dave@demo.test', accountId: 'acct-0000004' },
  erin: { email: 'erin@demo.test', accountId: 'acct-0000005' },
  frank: { email: 'frank@demo.test', accountId: 'acct-0000006' },
  heidi: { email: 'heidi@demo.test', accountId: 'acct-0000008' },
  kate: { email: 'kate@demo.test', accountId: 'acct-0000014' },
} as const;

export const ERIN_EXPLANATION = 'I deposited one more before the hack; see my support ticket.';
