import type { Db } from '@/db/client';
import type { SessionUser } from '@/lib/auth/authenticate';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { getClaim } from '@/lib/claims/get-claim';
import { openDispute } from '@/lib/claims/open-dispute';
import { formatUnits } from '@/lib/money';
import { findUserByEmail } from '@/lib/users/queries';
import { ERIN_EXPLANATION, FINANCE_CLAIMANTS } from './finance-claimants';

function claimant(db: Db, email: string): SessionUser {
  const user = findUserByEmail(db, { email });
  if (!user?.accountId) throw new Error(`${email} is not a seeded claimant`);
  return { id: user.id, email: user.email, role: user.role, accountId: user.accountId };
}

/**
 * Through the claimants' own domain steps: dave, frank and kate acknowledge their claims (ready to
 * be paid), erin disputes her first line, expecting one whole unit more. Heidi does nothing yet.
 */
export function seedFinanceJourneys(db: Db): void {
  const sqlite = db.$client;
  const { dave, frank, kate } = FINANCE_CLAIMANTS;
  for (const { email, accountId } of [dave, frank, kate]) {
    const claim = getClaim(sqlite, accountId);
    if (!claim) throw new Error(`${accountId} is not in the snapshot`);
    acknowledgeClaim(sqlite, { accountId, version: claim.version, actor: claimant(db, email) });
  }
  const { email, accountId } = FINANCE_CLAIMANTS.erin;
  const claim = getClaim(sqlite, accountId);
  const line = claim?.lines.find((l) => l.claimUnits > 0n);
  if (!claim || !line) throw new Error(`${accountId} has no claim to dispute`);
  openDispute(sqlite, {
    accountId,
    version: claim.version,
    lines: [
      {
        asset: line.asset,
        expected: formatUnits(line.claimUnits + 10n ** BigInt(line.decimals), line.decimals),
      },
    ],
    explanation: ERIN_EXPLANATION,
    references: ['ticket-4711'],
    actor: claimant(db, email),
  });
}
