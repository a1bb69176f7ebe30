import type { Db } from '@/db/client';
import { DEMO_LOGINS, DEMO_PASSWORD, seedLogins, type DemoLogin } from '@/lib/demo/seed-demo';
import { prepareDemoData } from '@/lib/demo/prepare-demo-data';
import { createUser } from '@/lib/users/create-user';
import { BURST_STAFF, CODES_STAFF } from './logins';
import { seedFinanceJourneys } from './seed-finance';
import { seedReliabilityJourneys } from './seed-reliability';

/**
 * Claimants reserved for journeys, one set per area, so that journeys running in parallel never
 * act on the same claim. `ghost` is bound to an account that is not in the snapshot.
 */
export const JOURNEY_CLAIMANTS: readonly DemoLogin[] = [
  {
    email: 'bob@demo.test',
    role: 'claimant',
    accountId: 'acct-0000002',
    note: 'claimant journeys',
  },
  {
    email: 'carol@demo.test',
    role: 'claimant',
    accountId: 'acct-0000003',
    note: 'claimant journeys',
  },
  {
    email: 'ghost@demo.test',
    role: 'claimant',
    accountId: 'acct-9999999',
    note: 'not in the snapshot',
  },
  {
    email: 'dave@demo.test',
    role: 'claimant',
    accountId: 'acct-0000004',
    note: 'finance journeys',
  },
  {
    email: 'erin@demo.test',
    role: 'claimant',
    accountId: 'acct-0000005',
    note: 'finance journeys',
  },
  {
    email: 'frank@demo.test',
    role: 'claimant',
    accountId: 'acct-0000006',
    note: 'finance journeys',
  },
  { email: 'grace@demo.test', role: 'claimant', accountId: 'acct-0000007', note: 'proof journeys' },
  { email: 'newstaff@demo.test', role: 'finance', note: 'enrols two-factor on first sign-in' },
];

/** The journeys' database: the demo's data and logins, plus the journey claimants. */
export async function seedE2e(db: Db): Promise<void> {
  await prepareDemoData(db, { accounts: 300 });
  await seedLogins(db, [...DEMO_LOGINS, ...JOURNEY_CLAIMANTS], DEMO_PASSWORD);
  await createUser(db, { ...CODES_STAFF, role: 'finance', password: DEMO_PASSWORD });
  await createUser(db, { ...BURST_STAFF, role: 'finance', password: DEMO_PASSWORD });
  seedFinanceJourneys(db);
  await seedReliabilityJourneys(db);
}
