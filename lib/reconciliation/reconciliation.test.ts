import { describe, expect, it } from 'vitest';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { createBatch } from '@/lib/payouts/create-batch';
import { executeBatch } from '@/lib/payouts/execute-batch';
import {
  acknowledge,
  adjustClaim,
  count,
  dispute,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from '@/lib/payouts/finance-fixture';
import { reconciliationReport } from './report';
import { claimSizeDistribution } from './claim-size-distribution';
import { latestFullVerification, runFullVerification } from './full-verification';
import { paidOutstandingHistory } from './payout-history';
import { reconciliationTable, sortRows, usdTotals } from './reconciliation-table';

const ADMIN = { id: 9, email: 'admin@example.test' };

const trimZeros = (plain: string) => (plain.includes('.') ? plain.replace(/\.?0+$/, '') : plain);

/** acct-a and acct-b acknowledged and paid in BTC (batch approved, then executed), acct-c disputed
 * and adjusted (+0.5 ETH), acct-d acknowledged and in an approved batch. */
async function scenario() {
  const db = await financeFixture();
  acknowledge(db, 'acct-a');
  acknowledge(db, 'acct-b');
  const paid = createBatch(db, { requestId: requestId(), asset: 'BTC', actor: FINANCE_1 });
  approveBatch(db, { batchId: paid.batchId, actor: FINANCE_2 });
  executeBatch(db, { batchId: paid.batchId, reference: '0xpaid', actor: FINANCE_2 });
  const disputeId = dispute(db, 'acct-c', 'ETH', '2.5');
  adjustClaim(db, {
    disputeId,
    lines: [{ asset: 'ETH', amount: '2.5' }],
    reason: 'ok',
    actor: FINANCE_1,
  });
  dispute(db, 'acct-c', 'DOGE', '100');
  acknowledge(db, 'acct-d');
  const approved = createBatch(db, { requestId: requestId(), asset: 'BTC', actor: FINANCE_1 });
  approveBatch(db, { batchId: approved.batchId, actor: FINANCE_2 });
  return db;
}

describe('the reconciliation table', () => {
  it('shows every column per asset, from projections', async () => {
    const db = await scenario();
    const { rows, pendingRecount } = reconciliationTable(db.$client);
    expect(pendingRecount).toBe(0);
    const btc = rows.find((r) => r.asset === 'BTC')!;
    expect(btc.amounts).toEqual({
      snapshot: '4.75',
      owed: '4.75',
      dust: '0',
      adjustments: '0',
      acknowledged: '3',
      disputed: '0',
      approved: '3',
      paid: '1.75',
      outstanding: '3',
    });
    expect(btc.usd.paid).toBe('117271.9625');
    const eth = rows.find((r) => r.asset === 'ETH')!;
    expect([eth.amounts.adjustments, eth.amounts.disputed, eth.amounts.acknowledged]).toEqual([
      '0.5',
      '2.5',
      '123456789012.123456789012345678',
    ]);
    const doge = rows.find((r) => r.asset === 'DOGE')!;
    expect([doge.amounts.snapshot, doge.amounts.owed, doge.amounts.dust]).toEqual([
      '100.5',
      '90.45',
      '0',
    ]);
  });

  it('agrees with report --json', async () => {
    const db = await scenario();
    const { report } = reconciliationReport(db.$client);
    const { rows } = reconciliationTable(db.$client);
    for (const asset of report.assets) {
      const row = rows.find((r) => r.asset === asset.asset)!;
      for (const [column, key] of [
        ['snapshot', 'snapshotTotal'],
        ['owed', 'owed'],
        ['adjustments', 'adjustments'],
        ['paid', 'paid'],
        ['outstanding', 'outstanding'],
      ] as const) {
        expect(trimZeros(row.amounts[column])).toBe(trimZeros(asset[key]));
      }
    }
  });

  it('sorts by exact USD value with unpriced assets last, and totals in USD', async () => {
    const db = await scenario();
    const priced = reconciliationTable(db.$client).rows;
    const unpriced = Object.fromEntries(Object.keys(priced[0]!.usd).map((c) => [c, null]));
    const rows = priced.map((r) =>
      r.asset === 'DOGE' ? { ...r, usd: { ...r.usd, ...unpriced } } : r,
    );
    const sorted = sortRows(rows, 'owed', { descending: true, byUsd: true });
    expect(sorted.map((r) => r.asset)).toEqual(['ETH', 'BTC', 'DOGE']);
    expect(usdTotals(rows).paid).toBe('117271.9625');
  });
});

describe('the charts', () => {
  it('follow paid and outstanding over time in USD', async () => {
    const db = await scenario();
    const points = paidOutstandingHistory(db.$client);
    expect(points.map((p) => p.event)).toEqual([
      'Snapshot imported',
      'Batch #1 paid',
      expect.stringMatching(/^Claims adjusted/),
      'Now',
    ]);
    const last = points.at(-1)!;
    expect(last.paidUsd).toBe('117271.9625');
    const table = usdTotals(reconciliationTable(db.$client).rows);
    expect([last.owedUsd, last.outstandingUsd]).toEqual([table.owed, table.outstanding]);
  });

  it('still draw when a payout was forged into the ledger by hand, and name it', async () => {
    const db = await scenario();
    const sqlite = db.$client;
    sqlite.exec('DROP TRIGGER ledger_transactions_no_update');
    sqlite
      .prepare("UPDATE ledger_transactions SET memo = '{}' WHERE kind = 'payout.batch_executed'")
      .run();
    const seq = sqlite
      .prepare("SELECT seq FROM ledger_transactions WHERE kind = 'payout.batch_executed'")
      .pluck()
      .get() as number;
    const points = paidOutstandingHistory(sqlite);
    expect(points.map((p) => p.event)).toContain(
      `Transaction ${seq}: a payout without readable totals`,
    );
    expect(points.at(-1)!.paidUsd).toBe('0');
  });

  it('count claim sizes once, then follow adjustments incrementally', async () => {
    const db = await financeFixture();
    const before = claimSizeDistribution(db.$client, { claimLines: 6 })!;
    expect(before.reduce((n, b) => n + b.accounts, 0)).toBe(4);
    const disputeId = dispute(db, 'acct-c', 'ETH', '2000');
    adjustClaim(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2000' }],
      reason: 'ok',
      actor: FINANCE_1,
    });
    const incremental = claimSizeDistribution(db.$client, { claimLines: 6 })!;
    db.$client.prepare('DELETE FROM reconciliation_cache').run();
    expect(claimSizeDistribution(db.$client, { claimLines: 6 })).toEqual(incremental);
    expect(incremental).not.toEqual(before);
    expect(incremental.find((b) => b.label === '$1M and more')?.accounts).toBe(2);
  });

  it('leave a large snapshot to the full verification, then follow it', async () => {
    const db = await financeFixture();
    expect(claimSizeDistribution(db.$client, { claimLines: 1_000_000 })).toBeNull();
    runFullVerification(db, ADMIN);
    expect(claimSizeDistribution(db.$client, { claimLines: 1_000_000 })).toEqual(
      claimSizeDistribution(db.$client, { claimLines: 6 }),
    );
  });
});

describe('the full verification', () => {
  it('records every check, passing, with the run and an audit row', async () => {
    const db = await scenario();
    const run = runFullVerification(db, ADMIN);
    expect(run.ok).toBe(true);
    expect(Object.values(run.checks).every((c) => c === true)).toBe(true);
    expect(run.lastSeq).toBe(count(db, 'SELECT max(seq) FROM ledger_transactions'));
    expect(latestFullVerification(db.$client)).toEqual(run);
    expect(count(db, "SELECT count(*) FROM audit_events WHERE action = 'ledger.verify'")).toBe(1);
  });

  it('names a claim-state projection that drifted from its recomputation', async () => {
    const db = await scenario();
    db.$client
      .prepare(
        "UPDATE claim_state_lines SET units = '1' WHERE account_id = 'acct-d' AND asset = 'BTC'",
      )
      .run();
    const run = runFullVerification(db, ADMIN);
    expect(run.ok).toBe(false);
    expect(run.checks.claimStates).toBe(false);
    expect(run.checks.balanced).toBe(true);
    expect(run.problems.claimStates).toMatch(/acct-d in BTC/);
  });

  it('names owed totals that do not add up', async () => {
    const db = await scenario();
    db.$client
      .prepare(
        "UPDATE ledger_balances SET units = '1' WHERE account = 'claim:acct-b' AND asset = 'BTC'",
      )
      .run();
    const run = runFullVerification(db, ADMIN);
    expect([run.checks.owed, run.checks.projection]).toEqual([false, false]);
    expect(run.problems.owed).toMatch(/^BTC: claims sum to/);
  });
});
