import type Database from 'better-sqlite3';
import { groupDigits } from '@/lib/money';
import { claimProofStatus, type ClaimProofStatus } from '@/lib/proofs/claim-proof-status';
import { getClaimHistory, type ClaimDispute } from './claim-history';
import { claimTimeline, type TimelineStep } from './claim-timeline';
import { claimLineViews, claimSummary, type ClaimLineView, type ClaimSummary } from './claim-view';
import { claimReference } from './claim-version';
import { cachedView } from './claim-view-cache';
import { getClaim } from './get-claim';

export type ProgramInfo = { program: string; snapshotAt: string };

export type DisputeView = Omit<ClaimDispute, 'claimVersion'> & { claimReference: string };

export type ClaimPageData =
  | { kind: 'no-snapshot' }
  | { kind: 'not-in-snapshot'; accountId: string | null; program: ProgramInfo }
  | {
      kind: 'claim';
      summary: ClaimSummary;
      lines: ClaimLineView[];
      timeline: TimelineStep[];
      disputes: DisputeView[];
      /** Whether the claimant may acknowledge or dispute right now (the server checks again). */
      canAcknowledge: boolean;
      canDispute: boolean;
      proof: ClaimProofStatus;
    };

const PLAIN = /^[0-9]+(\.[0-9]+)?$/;

/** Stored disputes were checked when written; anything else is shown as it is, not hidden. */
const groupedIfPlain = (text: string) => (PLAIN.test(text) ? groupDigits(text) : text);

function programInfo(sqlite: Database.Database): ProgramInfo | undefined {
  return sqlite
    .prepare('SELECT program, snapshot_at AS snapshotAt FROM snapshots ORDER BY id LIMIT 1')
    .get() as ProgramInfo | undefined;
}

/**
 * Everything the claim page shows for one account: the claim, its history, what is next and its
 * proofs. Read once per ledger head and process (claim-view-cache.ts), so that a claimant's
 * reloads cost a primary-key read.
 */
export function loadClaimPage(sqlite: Database.Database, accountId: string | null): ClaimPageData {
  if (accountId === null) return readClaimPage(sqlite, null);
  return cachedView(sqlite, { kind: 'claim-page', accountId }, () =>
    readClaimPage(sqlite, accountId),
  );
}

function readClaimPage(sqlite: Database.Database, accountId: string | null): ClaimPageData {
  const program = programInfo(sqlite);
  if (!program) return { kind: 'no-snapshot' };
  const claim = accountId === null ? null : getClaim(sqlite, accountId);
  if (!claim) return { kind: 'not-in-snapshot', accountId, program };
  const history = getClaimHistory(sqlite, claim.accountId);
  const summary = claimSummary(claim);
  const disputeOpen = history.disputes.some((d) => d.status === 'open');
  return {
    kind: 'claim',
    summary,
    lines: claimLineViews(claim),
    timeline: claimTimeline(claim, history),
    disputes: history.disputes.map(({ claimVersion, ...dispute }) => ({
      ...dispute,
      lines: dispute.lines.map((line) => ({ ...line, expected: groupedIfPlain(line.expected) })),
      claimReference: claimReference(claimVersion),
    })),
    canAcknowledge: claim.status === 'open' && !summary.nothingOwed && !disputeOpen,
    canDispute: !disputeOpen && claim.lines.length > 0,
    proof: claimProofStatus(sqlite, claim.accountId),
  };
}
