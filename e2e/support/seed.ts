import type { Db } from '@/db/client';
import { DEMO_LOGINS, DEMO_PASSWORD, seedLogins } from '@/lib/demo/seed-demo';
import { prepareDemoData } from '@/lib/demo/prepare-demo-data';

/** The journeys' database: the demo's data and logins. */
export async function seedE2e(db: Db): Promise<void> {
  await prepareDemoData(db, { accounts: 300 });
  await seedLogins(db, DEMO_LOGINS, DEMO_PASSWORD);
}
