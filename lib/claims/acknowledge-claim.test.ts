import { describe, expect, it } from 'vitest';
import { verifyLedger } from '@/lib/ledger/verify';
import { acknowledgeClaim } from './acknowledge-claim';
import {
  adjustClaim,
  CLAIMANT_A,
  claimFixture,
  rejectOpenDispute,
  writtenRows,
} from './claim-fixture';
import { getClaim } from './get-claim';
import { openDispute } from './open-dispute';

async function setup() {
  const { $client: sqlite } = await claimFixture();
  const version = getClaim(sqlite, 'acct-a')!.version;
  return { sqlite, version };
}

const acknowledge = (
  sqlite: Parameters<typeof acknowledgeClaim>[0],
  version: string,
  accountId = 'acct-a',
) => acknowledgeClaim(sqlite, { accountId, version, actor: { ...CLAIMANT_A, accountId } });

describe('acknowledging a claim', () => {
  it('records one ledger event without postings, the status and an audit row, in one go', async () => {
    const { sqlite, version } = await setup();
    const before = writtenRows(sqlite);
    const result = acknowledge(sqlite, version);
    expect(result).toMatchObject({ version, replayed: false });
    const tx = sqlite
      .prepare('SELECT * FROM ledger_transactions WHERE seq = ?')
      .get(result.seq) as Record<string, string>;
    expect(tx).toMatchObject({
      kind: 'claim.acknowledged',
      idempotency_key: `ack:acct-a:${version}`,
      actor: 'user:101',
    });
    expect(JSON.parse(tx.memo!)).toEqual({ accountId: 'acct-a', version });
    expect(
      sqlite
        .prepare('SELECT count(*) FROM ledger_postings WHERE tx_seq = ?')
        .pluck()
        .get(result.seq),
    ).toBe(0);
    expect(sqlite.prepare('SELECT status, acknowledged_version FROM claim_status').get()).toEqual({
      status: 'acknowledged',
      acknowledged_version: version,
    });
    const audit = sqlite
      .prepare("SELECT * FROM audit_events WHERE action = 'claim.acknowledge'")
      .get() as Record<string, unknown>;
    expect(audit).toMatchObject({ actor_user_id: 101, subject: 'account:acct-a' });
    expect(writtenRows(sqlite)).toEqual({
      ...before,
      transactions: before.transactions + 1,
      statuses: 1,
      audits: 1,
    });
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('acknowledged');
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('appends nothing and writes no second audit row when repeated', async () => {
    const { sqlite, version } = await setup();
    acknowledge(sqlite, version);
    const after = writtenRows(sqlite);
    expect(acknowledge(sqlite, version)).toMatchObject({ replayed: true, seq: null });
    expect(writtenRows(sqlite)).toEqual(after);
  });

  it('refuses a version the claimant no longer sees, naming the new one, and writes nothing', async () => {
    const { sqlite, version } = await setup();
    adjustClaim(sqlite, 'acct-a', 'BTC', 1n);
    const before = writtenRows(sqlite);
    expect(() => acknowledge(sqlite, version)).toThrow(
      /changed since you loaded this page.*it is now MW-/,
    );
    expect(writtenRows(sqlite)).toEqual(before);
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('needs and accepts a new acknowledgment after the claim was adjusted', async () => {
    const { sqlite, version } = await setup();
    acknowledge(sqlite, version);
    adjustClaim(sqlite, 'acct-a', 'BTC', 1n);
    const claim = getClaim(sqlite, 'acct-a')!;
    expect(claim.status).toBe('open');
    expect(acknowledge(sqlite, claim.version).replayed).toBe(false);
    expect(getClaim(sqlite, 'acct-a')!).toMatchObject({
      status: 'acknowledged',
      acknowledgedVersion: claim.version,
    });
  });

  it('refuses while a dispute is open, then accepts the same version again once it is rejected', async () => {
    const { sqlite, version } = await setup();
    acknowledge(sqlite, version);
    const { disputeId } = openDispute(sqlite, {
      accountId: 'acct-a',
      version,
      lines: [{ asset: 'BTC', expected: '2' }],
      explanation: 'I held two bitcoin at the time.',
      references: [],
      actor: CLAIMANT_A,
    });
    const before = writtenRows(sqlite);
    expect(() => acknowledge(sqlite, version)).toThrow(/dispute is still open/);
    expect(writtenRows(sqlite)).toEqual(before);
    rejectOpenDispute(sqlite, disputeId, 'The deposit arrived after the snapshot.');
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('open');
    const again = acknowledge(sqlite, version);
    expect(again.replayed).toBe(false);
    const key = sqlite
      .prepare('SELECT idempotency_key FROM ledger_transactions WHERE seq = ?')
      .pluck()
      .get(again.seq);
    expect(key).toBe(`ack:acct-a:${version}:2`);
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('acknowledged');
    expect(acknowledge(sqlite, version).replayed).toBe(true);
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('refuses an account with nothing owed, and one that is not in the snapshot', async () => {
    const { sqlite } = await setup();
    const zero = getClaim(sqlite, 'acct-zero')!;
    const before = writtenRows(sqlite);
    expect(() => acknowledge(sqlite, zero.version, 'acct-zero')).toThrow(/Nothing is owed/);
    expect(() => acknowledge(sqlite, zero.version, 'acct-missing')).toThrow(/not in the snapshot/);
    expect(writtenRows(sqlite)).toEqual(before);
  });
});
