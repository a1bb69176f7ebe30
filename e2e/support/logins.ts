export const PASSWORD = 'makewhole-demo';

export const LOGINS = {
  claimant: 'alice@demo.test',
  finance1: 'finance1@demo.test',
  finance2: 'finance2@demo.test',
  admin: 'admin@demo.test',
} as const;

export type LoginName = keyof typeof LOGINS;

export const storageStatePath = (name: LoginName) => `e2e/.auth/${name}.json`;
