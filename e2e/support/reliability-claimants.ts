/**
 * Claimants reserved for the reliability journeys (see seed-reliability.ts): henry's claim is
 * acknowledged by many requests at once, iris's disputed by many at once, and judy's
 * acknowledged claim waits in a batch that many approvals race for.
 */
export const RELIABILITY_CLAIMANTS = {
  henry: { email: 'henry@demo.test', accountId: 'acct-0000011' },
  iris: { email: 'iris@demo.test', accountId: 'acct-0000012' },
  judy: { email: 'judy@demo.test', accountId: 'acct-0000013' },
} as const;
