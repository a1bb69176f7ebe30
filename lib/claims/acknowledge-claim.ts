import type Database from 'better-sqlite3';
import type { SessionUser } from '@/lib/auth/authenticate';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, CLAIM_ACKNOWLEDGED } from '@/lib/ledger/vocabulary';
import {
  acknowledgmentKey,
  currentClaimAt,
  findOpenDispute,
  hasNothingOwed,
  markClaimStatus,
  nextOccurrenceKey,
} from './claim-events';
import { claimReference } from './claim-version';
import { executorFor } from './executor';
import type { Claim } from './get-claim';

export type AcknowledgeClaimOptions = {
  accountId: string;
  /** The version the claimant was shown: the acknowledgment is bound to it. */
  version: string;
  actor: SessionUser;
};

export type AcknowledgeClaimResult = {
  version: string;
  reference: string;
  /** Ledger sequence of the acknowledgment; null when it had already been recorded. */
  seq: number | null;
  replayed: boolean;
};

function refuseUnlessAcknowledgeable(sqlite: Database.Database, claim: Claim): void {
  if (claim.status === 'paid') {
    throw new AppError(
      'conflict',
      'Your claim has been paid in full; there is nothing left to acknowledge.',
    );
  }
  if (hasNothingOwed(claim)) {
    throw new AppError(
      'conflict',
      'Nothing is owed to your account, so there is nothing to acknowledge.',
    );
  }
  if (findOpenDispute(sqlite, claim.accountId)) {
    throw new AppError(
      'conflict',
      'Your dispute is still open. Once finance has answered it you can acknowledge your claim.',
    );
  }
}

/**
 * Records that the claimant confirmed the claim version they saw: one ledger event (no
 * postings), the claim's status and an audit row, in one transaction. Acknowledging the
 * version that is already acknowledged writes nothing.
 */
export function acknowledgeClaim(
  sqlite: Database.Database,
  { accountId, version, actor }: AcknowledgeClaimOptions,
): AcknowledgeClaimResult {
  return sqlite
    .transaction((): AcknowledgeClaimResult => {
      const claim = currentClaimAt(sqlite, accountId, version);
      const reference = claimReference(version);
      if (claim.status === 'acknowledged') return { version, reference, seq: null, replayed: true };
      refuseUnlessAcknowledgeable(sqlite, claim);
      const tx = appendEntry(
        sqlite,
        CLAIM_ACKNOWLEDGED,
        {
          idempotencyKey: nextOccurrenceKey(sqlite, acknowledgmentKey(accountId, version)),
          actor: userActor(actor.id),
          memo: { accountId, version },
        },
        [],
      );
      markClaimStatus(sqlite, accountId, { status: 'acknowledged', version });
      recordAudit(executorFor(sqlite), CLAIM_ACKNOWLEDGED.audit, {
        actorUserId: actor.id,
        actorEmail: actor.email,
        subject: `account:${accountId}`,
        detail: { version, seq: tx.seq },
      });
      return { version, reference, seq: tx.seq, replayed: false };
    })
    .immediate();
}
