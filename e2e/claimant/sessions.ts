/** Claimants reserved for the claim journeys (see e2e/support/seed.ts), and their saved sessions. */
export const CLAIMANTS = {
  bob: { email: 'bob@demo.test', accountId: 'acct-0000002' },
  carol: { email: 'carol@demo.test', accountId: 'acct-0000003' },
  ghost: { email: 'ghost@demo.test', accountId: 'acct-9999999' },
} as const;

export type ClaimantName = keyof typeof CLAIMANTS;

export const claimantStatePath = (name: ClaimantName) => `e2e/.auth/claimant-${name}.json`;

/** Alice's account: only ever the target of forged requests here, never acted on. */
export const ALICE_ACCOUNT = 'acct-0000001';
