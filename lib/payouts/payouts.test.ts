import { describe, expect, it } from 'vitest';
import { getClaim } from '@/lib/claims/get-claim';
import { drainClaimStateQueue } from '@/lib/reconciliation/claim-states';
import { verifyLedger } from '@/lib/ledger/verify';
import { proposeAdjustment } from '@/lib/disputes/propose-adjustment';
import { approveBatch } from './approve-batch';
import { cancelBatch } from './cancel-batch';
import { createBatch } from './create-batch';
import { eligibleSummary } from './eligible-lines';
import { executeBatch } from './execute-batch';
import {
  acknowledge,
  adjustClaim,
  booksReconcile,
  clean,
  count,
  dispute,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  refusal,
  requestId,
  TX,
  units,
} from './finance-fixture';

async function approvedBatch() {
  const db = await financeFixture();
  acknowledge(db, 'acct-a');
  acknowledge(db, 'acct-b');
  const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
  approveBatch(db, { batchId, actor: FINANCE_2 });
  return { db, batchId };
}

describe('creating a payout batch', () => {
  it('takes every outstanding line of acknowledged claims, with per-asset totals', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    acknowledge(db, 'acct-b');
    const { batchId, lineCount, replayed } = createBatch(db, {
      requestId: requestId(),
      actor: FINANCE_1,
    });
    expect({ lineCount, replayed }).toEqual({ lineCount: 3, replayed: false });
    const totals = db.$client
      .prepare(
        'SELECT asset, lines, units FROM payout_batch_totals WHERE batch_id = ? ORDER BY asset',
      )
      .all(batchId);
    expect(totals).toEqual([
      { asset: 'BTC', lines: 2, units: '175000000' },
      { asset: 'ETH', lines: 1, units: '123456789012123456789012345678' },
    ]);
    const tx = db.$client
      .prepare("SELECT memo FROM ledger_transactions WHERE kind = 'payout.batch_created'")
      .pluck()
      .get() as string;
    expect(JSON.parse(tx)).toMatchObject({
      batchId,
      lineCount: 3,
      totals: { BTC: '175000000', ETH: '123456789012123456789012345678' },
    });
    expect(
      count(db, "SELECT count(*) FROM audit_events WHERE action = 'payout.batch_created'"),
    ).toBe(1);
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('leaves out claims that are open, disputed or acknowledged at a stale version', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    const disputeId = dispute(db, 'acct-c', 'ETH', '3.000000000000000000');
    acknowledge(db, 'acct-d');
    adjustClaim(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2.5' }],
      reason: 'Deposit found',
      actor: FINANCE_1,
    });
    // acct-d is acknowledged; make its version stale by an adjustment through a second dispute.
    const staleId = dispute(db, 'acct-d', 'BTC', '4.00000000');
    adjustClaim(db, {
      disputeId: staleId,
      lines: [{ asset: 'BTC', amount: '4' }],
      reason: 'ok',
      actor: FINANCE_1,
    });
    expect(getClaim(db.$client, 'acct-d')?.status).toBe('open');
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    const accounts = db.$client
      .prepare('SELECT DISTINCT account_id FROM payout_items WHERE batch_id = ?')
      .pluck()
      .all(batchId);
    expect(accounts).toEqual(['acct-a']);
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('filters by asset and by a list of accounts', async () => {
    const db = await financeFixture();
    for (const id of ['acct-a', 'acct-b', 'acct-c', 'acct-d']) acknowledge(db, id);
    const eth = createBatch(db, { requestId: requestId(), asset: 'ETH', actor: FINANCE_1 });
    expect(eth.lineCount).toBe(2);
    const listed = createBatch(db, {
      requestId: requestId(),
      accountIds: ['acct-b', 'acct-d'],
      actor: FINANCE_1,
    });
    expect(
      db.$client
        .prepare(
          "SELECT account_id || ' ' || asset FROM payout_items WHERE batch_id = ? ORDER BY 1",
        )
        .pluck()
        .all(listed.batchId),
    ).toEqual(['acct-b BTC', 'acct-d BTC']);
    expect(eligibleSummary(db.$client).map((s) => [s.asset, s.lines])).toEqual([
      ['BTC', 1],
      ['DOGE', 1],
    ]);
  });

  it('returns the same batch for a double click with the same request id', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    const id = requestId();
    const first = createBatch(db, { requestId: id, actor: FINANCE_1 });
    const before = count(db, TX);
    const second = createBatch(db, { requestId: id, actor: FINANCE_1 });
    expect(second).toEqual({ ...first, replayed: true });
    expect(count(db, TX)).toBe(before);
    expect(count(db, 'SELECT count(*) FROM payout_batches')).toBe(1);
  });

  it('never puts a line in two live batches', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    const before = count(db, TX);
    expect(refusal(() => createBatch(db, { requestId: requestId(), actor: FINANCE_2 })).code).toBe(
      'conflict',
    );
    expect(count(db, TX)).toBe(before);
    expect(() =>
      db.$client
        .prepare(
          "INSERT INTO payout_items (batch_id, account_id, asset, amount_units, live) VALUES (1, 'acct-a', 'BTC', '1', 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('splits very large selections at the line limit', async () => {
    const db = await financeFixture();
    for (const id of ['acct-a', 'acct-b', 'acct-c', 'acct-d']) acknowledge(db, id);
    const first = createBatch(db, { requestId: requestId(), actor: FINANCE_1, maxLines: 4 });
    const rest = createBatch(db, { requestId: requestId(), actor: FINANCE_1, maxLines: 4 });
    expect([first.lineCount, rest.lineCount]).toEqual([4, 2]);
    expect(booksReconcile(db)).toEqual(clean);
  });
});

describe('approving a batch', () => {
  it('refuses a batch approved by its own maker', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    const before = count(db, TX);
    expect(refusal(() => approveBatch(db, { batchId, actor: FINANCE_1 })).code).toBe('four_eyes');
    expect(count(db, TX)).toBe(before);
    expect(count(db, 'SELECT count(*) FROM payout_batches WHERE status = ?', 'pending')).toBe(1);
  });

  it('appends once when approved twice', async () => {
    const { db, batchId } = await approvedBatch();
    const before = count(db, TX);
    expect(approveBatch(db, { batchId, actor: FINANCE_2 }).replayed).toBe(true);
    expect(count(db, TX)).toBe(before);
    expect(
      count(db, "SELECT count(*) FROM ledger_transactions WHERE kind = 'payout.batch_approved'"),
    ).toBe(1);
  });
});

describe('executing a batch', () => {
  it('refuses a batch that is not approved', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    const error = refusal(() =>
      executeBatch(db, { batchId, reference: '0xabc', actor: FINANCE_2 }),
    );
    expect(error.userMessage).toMatch(/must be approved/);
  });

  it('pays each line its outstanding and records the reference, once', async () => {
    const { db, batchId } = await approvedBatch();
    const result = executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 });
    expect(result.replayed).toBe(false);
    expect(units(db, 'paid:acct-a', 'BTC')).toBe(150000000n);
    expect(units(db, 'paid:acct-b', 'BTC')).toBe(25000000n);
    expect(units(db, 'program:payouts', 'BTC')).toBe(-175000000n);
    expect(getClaim(db.$client, 'acct-a')?.status).toBe('paid');
    const before = count(db, TX);
    expect(executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 }).replayed).toBe(
      true,
    );
    expect(
      refusal(() => executeBatch(db, { batchId, reference: '0xother', actor: FINANCE_2 })).code,
    ).toBe('conflict');
    expect(count(db, TX)).toBe(before);
    expect(count(db, 'SELECT count(*) FROM payout_items WHERE live = 1')).toBe(0);
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('refuses a bad reference', async () => {
    const { db, batchId } = await approvedBatch();
    for (const reference of ['', '   ', 'x'.repeat(201), 'tx\u0000hash']) {
      expect(refusal(() => executeBatch(db, { batchId, reference, actor: FINANCE_2 })).code).toBe(
        'bad_request',
      );
    }
    expect(count(db, 'SELECT count(*) FROM payout_batches WHERE status = ?', 'approved')).toBe(1);
  });

  it('refuses to pay more than is outstanding, writing nothing', async () => {
    const { db, batchId } = await approvedBatch();
    // Edited by hand, with the table's guard dropped for the edit and put back.
    const guard = db.$client
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'payout_items_only_end'")
      .pluck()
      .get() as string;
    db.$client.exec('DROP TRIGGER payout_items_only_end');
    db.$client
      .prepare(
        "UPDATE payout_items SET amount_units = '150000001' WHERE account_id = 'acct-a' AND asset = 'BTC'",
      )
      .run();
    db.$client.exec(guard);
    const before = count(db, TX);
    const error = refusal(() =>
      executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 }),
    );
    // The approval bound the lines: an edit after it is refused before any amount is paid.
    expect(error.code).toBe('conflict');
    expect(error.userMessage).toMatch(/lines are not the ones that were approved/);
    expect(verifyLedger(db.$client).firstProblem).toMatch(/payout_items of batch #1/);
    expect(count(db, TX)).toBe(before);
    expect(units(db, 'paid:acct-a', 'BTC')).toBe(0n);
    expect(count(db, 'SELECT count(*) FROM payout_batches WHERE status = ?', 'approved')).toBe(1);
  });
});

describe('a claim held after its batch was approved', () => {
  it('refuses the whole batch while a claim in it is disputed, naming it, and pays nothing', async () => {
    const { db, batchId } = await approvedBatch();
    const disputeId = dispute(db, 'acct-a', 'BTC', '2.00000000');
    const before = count(db, TX);
    const error = refusal(() =>
      executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 }),
    );
    expect(error.code).toBe('conflict');
    expect(error.userMessage).toMatch(
      new RegExp(`acct-a \\(dispute #${disputeId} is open\\).*cancel the batch`),
    );
    expect(error.userMessage).not.toMatch(/acct-b/);
    expect(count(db, TX)).toBe(before);
    expect(units(db, 'paid:acct-b', 'BTC')).toBe(0n);
    expect(count(db, 'SELECT count(*) FROM payout_batches WHERE status = ?', 'approved')).toBe(1);
  });

  it('refuses it while an adjustment of a claim in it is proposed', async () => {
    const { db, batchId } = await approvedBatch();
    const disputeId = dispute(db, 'acct-a', 'BTC', '2.00000000');
    proposeAdjustment(db, {
      disputeId,
      lines: [{ asset: 'BTC', amount: '2' }],
      reason: 'More',
      actor: FINANCE_1,
    });
    // Even with the dispute's row closed behind the application's back, the proposal holds it.
    db.$client.prepare("UPDATE disputes SET status = 'rejected' WHERE id = ?").run(disputeId);
    const error = refusal(() =>
      executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 }),
    );
    expect(error.userMessage).toMatch(/acct-a \(adjustment #1 is proposed\)/);
  });

  it('refuses it when a claim is no longer acknowledged at its current version', async () => {
    const { db, batchId } = await approvedBatch();
    db.$client
      .prepare("UPDATE claim_status SET acknowledged_version = 'stale' WHERE account_id = 'acct-b'")
      .run();
    const error = refusal(() =>
      executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 }),
    );
    expect(error.userMessage).toMatch(/acct-b \(not acknowledged at its current version\)/);
    expect(units(db, 'paid:acct-a', 'BTC')).toBe(0n);
  });
});

describe('cancelling a batch', () => {
  it('frees its lines for a new batch', async () => {
    const { db, batchId } = await approvedBatch();
    cancelBatch(db, { batchId, reason: 'Wrong wallet', actor: FINANCE_2 });
    expect(count(db, 'SELECT count(*) FROM payout_items WHERE live = 1')).toBe(0);
    const again = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    expect(again.lineCount).toBe(3);
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('needs a reason, is idempotent and cannot undo an execution', async () => {
    const { db, batchId } = await approvedBatch();
    expect(refusal(() => cancelBatch(db, { batchId, reason: ' ', actor: FINANCE_1 })).code).toBe(
      'bad_request',
    );
    executeBatch(db, { batchId, reference: '0xfeed', actor: FINANCE_2 });
    expect(refusal(() => cancelBatch(db, { batchId, reason: 'late', actor: FINANCE_1 })).code).toBe(
      'conflict',
    );
    const db2 = (await approvedBatch()).db;
    cancelBatch(db2, { batchId: 1, reason: 'dup', actor: FINANCE_1 });
    const before = count(db2, TX);
    expect(cancelBatch(db2, { batchId: 1, reason: 'dup', actor: FINANCE_1 }).replayed).toBe(true);
    expect(count(db2, TX)).toBe(before);
    expect(refusal(() => approveBatch(db2, { batchId: 1, actor: FINANCE_2 })).code).toBe(
      'conflict',
    );
  });
});

describe('the claim-state totals', () => {
  it('follow acknowledgments, disputes, batches and payouts', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-b');
    dispute(db, 'acct-c', 'ETH', '3.000000000000000000');
    // Readers recount the accounts queued by the claimants' steps first.
    const totals = () => {
      drainClaimStateQueue(db.$client);
      return db.$client
        .prepare(
          'SELECT asset, status, live, lines, units FROM claim_state_totals ORDER BY 1, 2, 3',
        )
        .raw()
        .all();
    };
    // The disputed claim counts every outstanding line, not only the disputed one.
    expect(totals()).toEqual([
      ['BTC', 'acknowledged', 0, 1, '25000000'],
      ['DOGE', 'disputed', 0, 1, '9045000000'],
      ['ETH', 'disputed', 0, 1, '2000000000000000000'],
    ]);
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    expect(totals()[0]).toEqual(['BTC', 'acknowledged', 1, 1, '25000000']);
    approveBatch(db, { batchId, actor: FINANCE_2 });
    executeBatch(db, { batchId, reference: 'credit-1', actor: FINANCE_1 });
    expect(totals()).toHaveLength(2);
    expect(booksReconcile(db)).toEqual(clean);
  });
});

describe('stored figures the pages show', () => {
  it('are recomputed by verify, which names an edited asset total', async () => {
    const db = await financeFixture();
    expect(verifyLedger(db.$client).problems.projection).toBeUndefined();
    db.$client.exec('DROP TRIGGER assets_no_update');
    db.$client.prepare("UPDATE assets SET snapshot_units = '1' WHERE asset = 'BTC'").run();
    expect(verifyLedger(db.$client).problems.projection).toMatch(
      /^assets\.snapshot_units of BTC: stored 1, snapshot lines give/,
    );
  });

  it('recompute who may be paid from the ledger, naming an edited claim status or dispute', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-a');
    const disputeId = dispute(db, 'acct-b', 'BTC', '2.00000000');
    expect(verifyLedger(db.$client).problems.projection).toBeUndefined();
    const acknowledged = db.$client
      .prepare("SELECT acknowledged_version FROM claim_status WHERE account_id = 'acct-a'")
      .pluck()
      .get() as string;
    // A disputed claim made to look acknowledged, so that a batch would take it.
    db.$client
      .prepare(
        "UPDATE claim_status SET status = 'acknowledged', acknowledged_version = ? WHERE account_id = 'acct-b'",
      )
      .run(acknowledged);
    expect(verifyLedger(db.$client).problems.projection).toMatch(
      /^claim_status of acct-b: stored acknowledged .*the ledger gives disputed/,
    );
    db.$client
      .prepare(
        "UPDATE claim_status SET status = 'disputed', acknowledged_version = NULL WHERE account_id = 'acct-b'",
      )
      .run();
    expect(verifyLedger(db.$client).problems.projection).toBeUndefined();
    db.$client.prepare("UPDATE disputes SET status = 'rejected' WHERE id = ?").run(disputeId);
    expect(verifyLedger(db.$client).problems.projection).toBe(
      `dispute #${disputeId} of acct-b: stored rejected, the ledger gives open`,
    );
  });
});
