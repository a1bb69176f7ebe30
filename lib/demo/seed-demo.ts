import type { Db } from '@/db/client';
import type { Role } from '@/db/schema';
import { createUser } from '@/lib/users/create-user';
import { findUserByEmail } from '@/lib/users/queries';
import { DEMO_TOTP_SECRETS } from './demo-totp';

export const DEMO_PASSWORD = 'makewhole-demo';

export type DemoLogin = { email: string; role: Role; accountId?: string; note: string };

export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    email: 'alice@demo.test',
    role: 'claimant',
    accountId: 'acct-0000001',
    note: 'claimant, multi-asset account',
  },
  {
    email: 'finance1@demo.test',
    role: 'finance',
    note: 'finance: creates batches, resolves disputes',
  },
  { email: 'finance2@demo.test', role: 'finance', note: 'finance: approves what finance1 created' },
  { email: 'admin@demo.test', role: 'admin', note: 'admin and auditor' },
  {
    email: 'admin2@demo.test',
    role: 'admin',
    note: 'admin: approves the staff changes admin requested',
  },
];

/** Creates the given logins that do not exist yet; returns how many were created. */
export async function seedLogins(
  db: Db,
  logins: readonly DemoLogin[],
  password: string,
): Promise<number> {
  let created = 0;
  for (const login of logins) {
    if (findUserByEmail(db, { email: login.email })) continue;
    await createUser(db, {
      email: login.email,
      role: login.role,
      accountId: login.accountId,
      password,
      totpSecret: DEMO_TOTP_SECRETS[login.email],
    });
    created += 1;
  }
  return created;
}
