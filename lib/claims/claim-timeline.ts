import { formatUnits, groupDigits } from '@/lib/money';
import type { ClaimHistory, ClaimPayout } from './claim-history';
import { claimReference } from './claim-version';
import type { Claim } from './get-claim';

export type TimelineState = 'done' | 'current' | 'upcoming' | 'skipped';

export type TimelinePayment = {
  asset: string;
  amount: string;
  at: string | null;
  reference: string | null;
};

export type TimelineStep = {
  key: 'snapshot' | 'response' | 'resolution' | 'payout' | 'paid';
  title: string;
  state: TimelineState;
  /** ISO time of the step, when it happened. */
  at: string | null;
  detail: string;
  payments?: TimelinePayment[];
};

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

function responseStep(claim: Claim, history: ClaimHistory): TimelineStep {
  const base = { key: 'response' as const };
  const owed = claim.lines.some((l) => l.claimUnits > 0n);
  const open = history.disputes.find((d) => d.status === 'open');
  const acknowledged = last(history.acknowledgments.filter((a) => a.version === claim.version));
  if (open) {
    return {
      ...base,
      title: 'Disputed',
      state: 'done',
      at: open.openedAt,
      detail: `You disputed claim ${claimReference(open.claimVersion)}.`,
    };
  }
  if (acknowledged && (claim.status === 'acknowledged' || claim.status === 'paid')) {
    return {
      ...base,
      title: 'Acknowledged',
      state: 'done',
      at: acknowledged.at,
      detail: `You confirmed claim ${claimReference(acknowledged.version)}.`,
    };
  }
  if (!owed) {
    return {
      ...base,
      title: 'Acknowledge or dispute',
      state: 'skipped',
      at: null,
      detail: 'Nothing is owed to this account, so there is nothing to acknowledge.',
    };
  }
  if (claim.status === 'paid') {
    return {
      ...base,
      title: 'Acknowledged',
      state: 'done',
      at: null,
      detail: 'Your claim was accepted for payment.',
    };
  }
  const stale = claim.acknowledgedVersion !== null && claim.acknowledgedVersion !== claim.version;
  const answered = history.disputes.some((d) => d.status !== 'open');
  const detail = stale
    ? `Your claim changed after you acknowledged ${claimReference(claim.acknowledgedVersion ?? '')}. Please review it and acknowledge the new version.`
    : answered
      ? 'Finance answered your dispute. Please review your claim, then acknowledge it or dispute it again.'
      : 'Check every line below, then acknowledge your claim or dispute it.';
  return { ...base, title: 'Acknowledge or dispute', state: 'current', at: null, detail };
}

function resolutionStep(history: ClaimHistory): TimelineStep {
  const base = { key: 'resolution' as const };
  const latest = history.disputes[0];
  if (!latest) {
    return {
      ...base,
      title: 'Dispute resolved',
      state: 'skipped',
      at: null,
      detail: 'No dispute raised.',
    };
  }
  if (latest.status === 'open') {
    return {
      ...base,
      title: 'Dispute under review',
      state: 'current',
      at: null,
      detail: `Finance is reviewing dispute ${latest.id}. Their answer will appear here.`,
    };
  }
  const title =
    latest.status === 'adjusted'
      ? 'Dispute resolved: claim adjusted'
      : 'Dispute resolved: rejected';
  return {
    ...base,
    title,
    state: 'done',
    at: latest.resolvedAt,
    detail: latest.resolution
      ? `Finance: “${latest.resolution}”`
      : 'Finance resolved your dispute.',
  };
}

function payments(claim: Claim, payouts: readonly ClaimPayout[]): TimelinePayment[] {
  const decimals = new Map(claim.lines.map((l) => [l.asset, l.decimals]));
  return payouts
    .filter((p) => p.batchStatus === 'executed')
    .map((p) => ({
      asset: p.asset,
      amount: groupDigits(formatUnits(p.amountUnits, decimals.get(p.asset) ?? 0)),
      at: p.executedAt,
      reference: p.reference,
    }));
}

function payoutSteps(claim: Claim, history: ClaimHistory): TimelineStep[] {
  const inBatch = history.payouts[0];
  const paid = payments(claim, history.payouts);
  const waiting = claim.status === 'acknowledged' && !inBatch;
  const payout: TimelineStep = inBatch
    ? {
        key: 'payout',
        title: 'In payout',
        state: 'done',
        at: inBatch.approvedAt,
        detail: 'Your claim is in a payout batch approved by two members of the finance team.',
      }
    : {
        key: 'payout',
        title: 'In payout',
        state: waiting ? 'current' : 'upcoming',
        at: null,
        detail: waiting
          ? 'Your claim is waiting for the next payout batch.'
          : 'Acknowledged claims join the next payout batch, approved by two members of the finance team.',
      };
  const lastPaid = last(
    paid
      .map((p) => p.at)
      .filter((at): at is string => at !== null)
      .sort(),
  );
  const paidStep: TimelineStep =
    claim.status === 'paid'
      ? {
          key: 'paid',
          title: 'Paid',
          state: 'done',
          at: lastPaid ?? null,
          detail: 'Your claim is paid in full.',
          payments: paid,
        }
      : paid.length > 0
        ? {
            key: 'paid',
            title: 'Partly paid',
            state: 'current',
            at: lastPaid ?? null,
            detail: 'Part of your claim is paid; the rest is still outstanding.',
            payments: paid,
          }
        : {
            key: 'paid',
            title: 'Paid',
            state: 'upcoming',
            at: null,
            detail: 'You will see the payment date and its reference here.',
          };
  return [payout, paidStep];
}

/** Where the claim stands: snapshot → acknowledged/disputed → resolved → in payout → paid. */
export function claimTimeline(claim: Claim, history: ClaimHistory): TimelineStep[] {
  return [
    {
      key: 'snapshot',
      title: 'Snapshot taken',
      state: 'done',
      at: claim.snapshotAt,
      detail: `Your balances were frozen for ${claim.program}.`,
    },
    responseStep(claim, history),
    resolutionStep(history),
    ...payoutSteps(claim, history),
  ];
}
