import type Database from 'better-sqlite3';
import type { SessionUser } from '@/lib/auth/authenticate';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors';
import { userActor } from '@/lib/ledger/actor';
import { appendEntry, CLAIM_DISPUTED } from '@/lib/ledger/vocabulary';
import { canonicalJson, sha256 } from '@/lib/ledger/hash';
import {
  currentClaimAt,
  disputeKey,
  findOpenDispute,
  isOccurrenceOf,
  markClaimStatus,
  nextOccurrenceKey,
} from './claim-events';
import { checkDisputeContent, type DisputeContent, type DisputeLineInput } from './dispute-content';
import { executorFor } from './executor';

export type OpenDisputeOptions = {
  accountId: string;
  /** The version the claimant disputes: the one the page showed them. */
  version: string;
  lines: readonly DisputeLineInput[];
  explanation: string;
  references: readonly string[];
  actor: SessionUser;
};

export type OpenDisputeResult = { disputeId: number; seq: number; replayed: boolean };

function insertDispute(
  sqlite: Database.Database,
  accountId: string,
  version: string,
  content: DisputeContent,
  seq: number,
): number {
  const result = sqlite
    .prepare(
      `INSERT INTO disputes (account_id, claim_version, status, lines, explanation, "references",
         opened_at, opened_tx_seq)
       VALUES (?, ?, 'open', ?, ?, ?, ?, ?)`,
    )
    .run(
      accountId,
      version,
      JSON.stringify(content.lines),
      content.explanation,
      JSON.stringify(content.references),
      new Date().toISOString(),
      seq,
    );
  return Number(result.lastInsertRowid);
}

/**
 * Records the claimant's dispute of the version they saw: a ledger event (no postings), the
 * dispute itself and the claim's status, in one transaction. One dispute may be open per
 * account; sending the same dispute again while it is open writes nothing.
 */
export function openDispute(
  sqlite: Database.Database,
  options: OpenDisputeOptions,
): OpenDisputeResult {
  const { accountId, version, actor } = options;
  return sqlite
    .transaction((): OpenDisputeResult => {
      const claim = currentClaimAt(sqlite, accountId, version);
      const content = checkDisputeContent(claim, options);
      const base = disputeKey(accountId, version, sha256(canonicalJson(content)));
      const open = findOpenDispute(sqlite, accountId);
      if (open && isOccurrenceOf(open.openedKey, base)) {
        const seq = sqlite
          .prepare('SELECT seq FROM ledger_transactions WHERE idempotency_key = ?')
          .pluck()
          .get(open.openedKey) as number;
        return { disputeId: open.id, seq, replayed: true };
      }
      if (open) {
        throw new AppError(
          'conflict',
          `You already have an open dispute (number ${open.id}). Finance will answer it here; you can open another one after that.`,
        );
      }
      const tx = appendEntry(
        sqlite,
        CLAIM_DISPUTED,
        {
          idempotencyKey: nextOccurrenceKey(sqlite, base),
          actor: userActor(actor.id),
          memo: { accountId, version, ...content },
        },
        [],
      );
      const disputeId = insertDispute(sqlite, accountId, version, content, tx.seq);
      markClaimStatus(sqlite, accountId, { status: 'disputed' });
      recordAudit(executorFor(sqlite), CLAIM_DISPUTED.audit, {
        actorUserId: actor.id,
        actorEmail: actor.email,
        subject: `account:${accountId}`,
        detail: { version, disputeId, seq: tx.seq, assets: content.lines.map((l) => l.asset) },
      });
      return { disputeId, seq: tx.seq, replayed: false };
    })
    .immediate();
}
