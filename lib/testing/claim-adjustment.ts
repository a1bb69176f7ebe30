import type Database from 'better-sqlite3';
import { reopenClaim } from '@/lib/disputes/dispute-store';
import { claimAccount, PROGRAM } from '@/lib/ledger/accounts';
import { systemActor, userActor } from '@/lib/ledger/actor';
import { appendEntry, DISPUTE_ADJUSTED } from '@/lib/ledger/vocabulary';

/** Names no dispute row: verify compares only the disputes stored against the ledger. */
const NO_DISPUTE_ID = 999_999;

/**
 * Changes one claim by `deltaUnits` as a dispute adjustment does (its kind and memo schema, the
 * claim reopened), without the dispute and proposal rows the finance pages go through. Call it
 * inside a database transaction.
 */
export function appendClaimAdjustment(
  sqlite: Database.Database,
  change: { idempotencyKey: string; accountId: string; asset: string; deltaUnits: bigint },
): void {
  const { accountId, asset, deltaUnits } = change;
  const fromUnits = BigInt(
    (sqlite
      .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
      .pluck()
      .get(claimAccount(accountId), asset) as string | undefined) ?? '0',
  );
  appendEntry(
    sqlite,
    DISPUTE_ADJUSTED,
    {
      idempotencyKey: change.idempotencyKey,
      actor: systemActor('test'),
      memo: {
        disputeId: NO_DISPUTE_ID,
        accountId,
        reason: 'test adjustment',
        proposedBy: userActor(1),
        approvedBy: userActor(2),
        lines: [
          {
            asset,
            fromUnits: fromUnits.toString(),
            toUnits: (fromUnits + deltaUnits).toString(),
          },
        ],
      },
    },
    [
      { account: claimAccount(accountId), asset, amountUnits: deltaUnits },
      { account: PROGRAM.adjustments, asset, amountUnits: -deltaUnits },
    ],
  );
  reopenClaim(sqlite, accountId, new Date().toISOString());
}
