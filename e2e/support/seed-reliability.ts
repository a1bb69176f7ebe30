import type { Db } from '@/db/client';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { getClaim } from '@/lib/claims/get-claim';
import { DEMO_PASSWORD, seedLogins } from '@/lib/demo/seed-demo';
import { createBatch } from '@/lib/payouts/create-batch';
import { findUserByEmail } from '@/lib/users/queries';
import { RELIABILITY_CLAIMANTS } from './reliability-claimants';

function login(db: Db, email: string) {
  const user = findUserByEmail(db, { email });
  if (!user) throw new Error(`${email} is not seeded`);
  return { id: user.id, email: user.email, role: user.role, accountId: user.accountId };
}

/** The reliability journeys' claimants, and judy's claim acknowledged and put in a batch. */
export async function seedReliabilityJourneys(db: Db): Promise<void> {
  await seedLogins(
    db,
    Object.values(RELIABILITY_CLAIMANTS).map(({ email, accountId }) => ({
      email,
      accountId,
      role: 'claimant' as const,
      note: 'reliability journeys',
    })),
    DEMO_PASSWORD,
  );
  const { email, accountId } = RELIABILITY_CLAIMANTS.judy;
  const claim = getClaim(db.$client, accountId);
  if (!claim) throw new Error(`${accountId} is not in the snapshot`);
  acknowledgeClaim(db.$client, { accountId, version: claim.version, actor: login(db, email) });
  createBatch(db, {
    requestId: crypto.randomUUID(),
    accountIds: [accountId],
    actor: login(db, 'finance1@demo.test'),
  });
}
