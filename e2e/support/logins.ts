export const PASSWORD = 'makewhole-demo';

export const LOGINS = {
  claimant: 'alice@demo.test',
  finance1: 'finance1@demo.test',
  finance2: 'finance2@demo.test',
  admin: 'admin@demo.test',
  admin2: 'admin2@demo.test',
} as const;

export type LoginName = keyof typeof LOGINS;

export const storageStatePath = (name: LoginName) => `e2e/.auth/${name}.json`;

/** A staff login only the code-replay journey signs in with, so no other journey spends its codes. */
export const CODES_STAFF = {
  email: 'codes@demo.test',
  totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
} as const;

/** A staff login only the parallel-burst journey signs in with: it ends that journey locked out. */
export const BURST_STAFF = {
  email: 'burst@demo.test',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
} as const;
