import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { approveAdjustment } from '@/lib/disputes/approve-adjustment';
import { proposeAdjustment } from '@/lib/disputes/propose-adjustment';
import { rejectDispute } from '@/lib/disputes/reject-dispute';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { cancelBatch } from '@/lib/payouts/cancel-batch';
import { createBatch } from '@/lib/payouts/create-batch';
import { executeBatch } from '@/lib/payouts/execute-batch';
import {
  acknowledge,
  dispute,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from '@/lib/payouts/finance-fixture';
import { publishRoot } from '@/lib/proofs/publish-root';
import { cachedClaim } from './get-claim';
import { loadClaimPage } from './load-claim-page';
import { cachedView, VIEW_CACHE_ENTRIES } from './claim-view-cache';

/** The claim page's data for an account that is in the snapshot. */
function page(db: Db, accountId: string) {
  const data = loadClaimPage(db.$client, accountId);
  if (data.kind !== 'claim') throw new Error(`${accountId} has no claim`);
  return data;
}

const step = (db: Db, accountId: string, key: string) =>
  page(db, accountId).timeline.find((s) => s.key === key);

/** A batch of acct-a's acknowledged lines, approved by the other finance user. */
function approvedBatchOfA(db: Db): number {
  acknowledge(db, 'acct-a');
  const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
  approveBatch(db, { batchId, actor: FINANCE_2 });
  return batchId;
}

describe('the per-process view of a claim', () => {
  it('is kept while nothing is written, so a reload reads no claim rows', async () => {
    const db = await financeFixture();
    expect(loadClaimPage(db.$client, 'acct-a')).toBe(loadClaimPage(db.$client, 'acct-a'));
    expect(cachedClaim(db.$client, 'acct-a')).toBe(cachedClaim(db.$client, 'acct-a'));
    expect(loadClaimPage(db.$client, 'acct-a')).not.toBe(loadClaimPage(db.$client, 'acct-b'));
  });

  it('shows an acknowledgment at once', async () => {
    const db = await financeFixture();
    expect(page(db, 'acct-a')).toMatchObject({ canAcknowledge: true });
    expect(cachedClaim(db.$client, 'acct-a')?.status).toBe('open');
    acknowledge(db, 'acct-a');
    expect(page(db, 'acct-a').summary.status).toBe('acknowledged');
    expect(page(db, 'acct-a').canAcknowledge).toBe(false);
    expect(cachedClaim(db.$client, 'acct-a')?.status).toBe('acknowledged');
  });

  it('shows a dispute, and its rejection, at once', async () => {
    const db = await financeFixture();
    expect(page(db, 'acct-c')).toMatchObject({ disputes: [], canDispute: true });
    const disputeId = dispute(db, 'acct-c', 'ETH', '3.000000000000000000');
    expect(page(db, 'acct-c')).toMatchObject({
      disputes: [{ id: disputeId, status: 'open' }],
      canDispute: false,
    });
    expect(cachedClaim(db.$client, 'acct-c')?.status).toBe('disputed');
    rejectDispute(db, { disputeId, reason: 'The snapshot is right.', actor: FINANCE_1 });
    expect(page(db, 'acct-c').disputes).toMatchObject([
      { id: disputeId, status: 'rejected', resolution: 'The snapshot is right.' },
    ]);
    expect(cachedClaim(db.$client, 'acct-c')?.status).toBe('open');
  });

  it('shows an approved adjustment at once, and a mere proposal not at all', async () => {
    const db = await financeFixture();
    const disputeId = dispute(db, 'acct-c', 'ETH', '3.000000000000000000');
    const before = page(db, 'acct-c');
    const { proposalId } = proposeAdjustment(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2.5' }],
      reason: 'Deposit found',
      actor: FINANCE_1,
    });
    expect(page(db, 'acct-c')).toEqual(before);
    approveAdjustment(db, { proposalId: proposalId!, actor: FINANCE_2 });
    const after = page(db, 'acct-c');
    expect(after.lines.find((l) => l.asset === 'ETH')?.claim).toBe('2.500000000000000000');
    expect(after.summary.version).not.toBe(before.summary.version);
    expect(after.disputes[0]).toMatchObject({ status: 'adjusted' });
    const eth = cachedClaim(db.$client, 'acct-c')?.lines.find((l) => l.asset === 'ETH');
    expect(eth?.claimUnits).toBe(2_500_000_000_000_000_000n);
  });

  it('shows a payout batch approved, cancelled and another executed at once', async () => {
    const db = await financeFixture();
    expect(step(db, 'acct-a', 'payout')?.state).toBe('upcoming');
    const cancelled = approvedBatchOfA(db);
    expect(step(db, 'acct-a', 'payout')?.state).toBe('done');
    cancelBatch(db, { batchId: cancelled, reason: 'Wrong network', actor: FINANCE_1 });
    expect(step(db, 'acct-a', 'payout')?.state).toBe('current');
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    approveBatch(db, { batchId, actor: FINANCE_2 });
    expect(cachedClaim(db.$client, 'acct-a')?.status).toBe('acknowledged');
    executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 });
    expect(page(db, 'acct-a').summary.status).toBe('paid');
    expect(step(db, 'acct-a', 'paid')?.state).toBe('done');
    const claim = cachedClaim(db.$client, 'acct-a');
    expect(claim?.status).toBe('paid');
    expect(claim?.lines.every((l) => l.outstandingUnits === 0n)).toBe(true);
  });

  it('shows a published proof root at once', async () => {
    const db = await financeFixture();
    expect(page(db, 'acct-a').proof.roots).toEqual([]);
    publishRoot(db.$client, { actor: 'test', blockLevel: 2 });
    expect(page(db, 'acct-a').proof.roots).toHaveLength(1);
  });

  it('shows a write made by another connection to the file, as by another server process', async () => {
    const db = await financeFixture();
    const other = openDatabase(db.$client.name);
    expect(page(db, 'acct-a').summary.status).toBe('open');
    acknowledge(other, 'acct-a');
    expect(page(db, 'acct-a').summary.status).toBe('acknowledged');
    other.$client.close();
  });

  it('keeps nothing read inside a write transaction, and a bounded number of views', async () => {
    const db = await financeFixture();
    let reads = 0;
    const read = () => (reads += 1);
    db.$client.transaction(() => cachedView(db.$client, { kind: 't', accountId: 'x' }, read))();
    cachedView(db.$client, { kind: 't', accountId: 'x' }, read);
    expect(reads).toBe(2);
    for (let i = 0; i <= VIEW_CACHE_ENTRIES; i += 1)
      cachedView(db.$client, { kind: 't', accountId: `n${i}` }, read);
    reads = 0;
    cachedView(db.$client, { kind: 't', accountId: 'n0' }, read);
    cachedView(db.$client, { kind: 't', accountId: `n${VIEW_CACHE_ENTRIES}` }, read);
    expect(reads).toBe(1);
  });
});
