import type Database from 'better-sqlite3';
import { getClaim } from '@/lib/claims/get-claim';
import type { BatchItem } from './batch-store';

/**
 * The accounts of a batch that may not be paid now, each with why: the claim is no longer
 * acknowledged at its current version, a dispute is open, or an adjustment is proposed.
 * Execution re-checks this inside its own transaction, whatever was true when the batch was made.
 */
export function heldClaims(sqlite: Database.Database, items: readonly BatchItem[]): string[] {
  const openDispute = sqlite
    .prepare("SELECT id FROM disputes WHERE account_id = ? AND status = 'open' LIMIT 1")
    .pluck();
  const proposal = sqlite
    .prepare(
      "SELECT id FROM adjustment_proposals WHERE account_id = ? AND status = 'pending' LIMIT 1",
    )
    .pluck();
  const held: string[] = [];
  for (const accountId of new Set(items.map((item) => item.accountId))) {
    const disputeId = openDispute.get(accountId) as number | undefined;
    const proposalId = proposal.get(accountId) as number | undefined;
    const claim = getClaim(sqlite, accountId);
    if (disputeId !== undefined) held.push(`${accountId} (dispute #${disputeId} is open)`);
    else if (proposalId !== undefined)
      held.push(`${accountId} (adjustment #${proposalId} is proposed)`);
    else if (!claim || claim.acknowledgedVersion !== claim.version)
      held.push(`${accountId} (not acknowledged at its current version)`);
  }
  return held;
}
