import { describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { claimAccount, PROGRAM } from './accounts';
import { actorNames, describeActor, systemActor, userActor } from './actor';
import { appendTransaction } from './append';
import { verifyLedger } from './verify';
import { claimEventsProblem, payoutItemsProblem } from './verify-stored-figures';
import {
  appendEntry,
  BATCH_APPROVED,
  BATCH_CANCELLED,
  CLAIM_ACKNOWLEDGED,
  DISPUTE_ADJUSTED,
  parseMemo,
} from './vocabulary';

type Sqlite = ReturnType<typeof tempDb>['$client'];

const count = (sqlite: Sqlite, table: string) =>
  sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const owe = (accountId: string, units: bigint) => [
  { account: claimAccount(accountId), asset: 'ETH', amountUnits: units },
  { account: PROGRAM.snapshot, asset: 'ETH', amountUnits: -units },
];

const cancelMemo = { batchId: 7, reason: 'wrong asset', wasStatus: 'pending' as const };

describe('the ledger vocabulary', () => {
  it('refuses a memo that does not fit its kind and writes nothing', () => {
    const { $client: sqlite } = tempDb();
    const badLine = {
      disputeId: 1,
      accountId: 'acct-1',
      reason: 'r',
      proposedBy: userActor(1),
      approvedBy: userActor(2),
      lines: [{ asset: 'ETH', fromUnits: '10', toUnits: '1.5' }],
    };
    const write = () =>
      sqlite.transaction(() =>
        appendEntry(
          sqlite,
          DISPUTE_ADJUSTED,
          { idempotencyKey: DISPUTE_ADJUSTED.key(1), actor: userActor(2), memo: badLine },
          owe('acct-1', 5n),
        ),
      )();
    expect(write).toThrow(/dispute\.adjusted memo refused: lines\.0\.toUnits/);
    const extraField = { ...cancelMemo, note: 'not in the schema' };
    expect(() =>
      sqlite.transaction(() =>
        appendEntry(
          sqlite,
          BATCH_CANCELLED,
          { idempotencyKey: BATCH_CANCELLED.key(7), actor: userActor(2), memo: extraField },
          [],
        ),
      )(),
    ).toThrow(/payout\.batch_cancelled memo refused/);
    expect(count(sqlite, 'ledger_transactions')).toBe(0);
    expect(count(sqlite, 'ledger_postings')).toBe(0);
  });

  it('refuses an actor that is not in the canonical form', () => {
    const { $client: sqlite } = tempDb();
    for (const actor of ['finance@example.com', 'cli', 'user:0']) {
      expect(() =>
        sqlite.transaction(() =>
          appendEntry(
            sqlite,
            BATCH_CANCELLED,
            // The cast stands for a caller that bypasses the type: the check is at run time.
            { idempotencyKey: 'k', actor: actor as `user:${number}`, memo: cancelMemo },
            [],
          ),
        )(),
      ).toThrow(/not a canonical ledger actor/);
    }
    expect(count(sqlite, 'ledger_transactions')).toBe(0);
  });

  it('appends a fitting memo under its kind and key, and reads it back with the same schema', () => {
    const { $client: sqlite } = tempDb();
    sqlite.transaction(() =>
      appendEntry(
        sqlite,
        BATCH_CANCELLED,
        { idempotencyKey: BATCH_CANCELLED.key(7), actor: userActor(2), memo: cancelMemo },
        [],
      ),
    )();
    const row = sqlite
      .prepare('SELECT kind, idempotency_key AS key, actor, memo FROM ledger_transactions')
      .get() as { kind: string; key: string; actor: string; memo: string };
    expect(row).toMatchObject({
      kind: 'payout.batch_cancelled',
      key: 'batch:7:cancel',
      actor: 'user:2',
    });
    expect(parseMemo(BATCH_CANCELLED, row.memo)).toEqual(cancelMemo);
    expect(parseMemo(BATCH_CANCELLED, '{"batchId":7}')).toBeNull();
  });

  it('still verifies a ledger whose older rows name actors by email or bare name', () => {
    const { $client: sqlite } = tempDb();
    const legacy = (key: string, actor: string, accountId: string) =>
      sqlite.transaction(() =>
        appendTransaction(
          sqlite,
          { idempotencyKey: key, kind: 'snapshot.import', actor, memo: {} },
          owe(accountId, 100n),
        ),
      )();
    legacy('old-cli', 'cli', 'acct-1');
    legacy('old-staff', 'finance@example.com', 'acct-2');
    legacy('old-claimant', 'user:3', 'acct-3');
    sqlite.transaction(() =>
      appendEntry(
        sqlite,
        BATCH_CANCELLED,
        { idempotencyKey: BATCH_CANCELLED.key(7), actor: userActor(4), memo: cancelMemo },
        [],
      ),
    )();
    const result = verifyLedger(sqlite);
    expect(result.firstProblem).toBeNull();
    expect(result.ok).toBe(true);
    const actors = sqlite.prepare('SELECT actor FROM ledger_transactions ORDER BY seq').pluck();
    expect(actors.all()).toEqual(['cli', 'finance@example.com', 'user:3', 'user:4']);
  });

  it('names actors of every form ever written', () => {
    const { $client: sqlite } = tempDb();
    const { id } = sqlite
      .prepare(
        "INSERT INTO users (email, role, created_at) VALUES ('ops@example.com', 'finance', '2026-01-01T00:00:00Z') RETURNING id",
      )
      .get() as { id: number };
    expect(describeActor('finance@example.com')).toEqual({
      type: 'email',
      email: 'finance@example.com',
    });
    expect(describeActor('cli')).toEqual({ type: 'system', name: 'cli' });
    expect(describeActor(systemActor('demo'))).toEqual({ type: 'system', name: 'demo' });
    const names = actorNames(sqlite, [userActor(id), 'user:999', 'finance@example.com', 'cli']);
    expect([...names.values()]).toEqual([
      'ops@example.com',
      'user:999',
      'finance@example.com',
      'cli',
    ]);
  });

  it('names the adjustment officers by user id in new memos, never by email', () => {
    const { $client: sqlite } = tempDb();
    const memo = {
      disputeId: 1,
      accountId: 'acct-1',
      reason: 'r',
      proposedBy: 'a@example.com',
      approvedBy: 'b@example.com',
      lines: [],
    };
    expect(() =>
      sqlite.transaction(() =>
        appendEntry(
          sqlite,
          DISPUTE_ADJUSTED,
          // @ts-expect-error an officer is `user:<id>`, not an email
          { idempotencyKey: DISPUTE_ADJUSTED.key(1), actor: userActor(2), memo },
          [],
        ),
      )(),
    ).toThrow(/dispute\.adjusted memo refused: proposedBy/);
    expect(count(sqlite, 'ledger_transactions')).toBe(0);
  });

  it('reads memos stored in every form their kind ever had', () => {
    const adjustment = {
      disputeId: 1,
      accountId: 'acct-1',
      reason: 'r',
      lines: [{ asset: 'ETH', fromUnits: '10', toUnits: '5' }],
    };
    const read = (memo: object) => parseMemo(DISPUTE_ADJUSTED, JSON.stringify(memo));
    // Before the four-eyes step, until ids replaced emails, and now.
    expect(read(adjustment)?.lines).toEqual(adjustment.lines);
    const byEmail = { ...adjustment, proposedBy: 'a@example.com', approvedBy: 'b@example.com' };
    expect(read(byEmail)?.proposedBy).toBe('a@example.com');
    expect(read({ ...adjustment, proposedBy: 'user:1', approvedBy: 'user:2' })?.approvedBy).toBe(
      'user:2',
    );
    // Approvals before they bound their lines carry no hash.
    const approval = { batchId: 3, lineCount: 2, totals: { ETH: '5' } };
    expect(parseMemo(BATCH_APPROVED, JSON.stringify(approval))).toEqual(approval);
    // Only a form no writer ever produced is refused.
    expect(read({ ...adjustment, note: 'hand edit' })).toBeNull();
    expect(parseMemo(BATCH_APPROVED, JSON.stringify({ ...approval, itemsHash: 'x' }))).toBeNull();
  });

  it('verifies a ledger with old-form memos and names one that fits no form', () => {
    const { $client: sqlite } = tempDb();
    const write = (key: string, kind: string, memo: Record<string, unknown>) =>
      sqlite.transaction(() =>
        appendTransaction(sqlite, { idempotencyKey: key, kind, actor: 'cli', memo }, []),
      )();
    write(BATCH_APPROVED.key(1), BATCH_APPROVED.kind, { batchId: 1, lineCount: 0, totals: {} });
    expect(payoutItemsProblem(sqlite)).toBeNull();
    write(BATCH_APPROVED.key(2), BATCH_APPROVED.kind, { batch: 2 });
    expect(payoutItemsProblem(sqlite)).toMatch(/ledger transaction 2: its memo is not one/);
    expect(claimEventsProblem(sqlite)).toBeNull();
    write('ack-edited', CLAIM_ACKNOWLEDGED.kind, { accountId: 'acct-1' });
    expect(claimEventsProblem(sqlite)).toMatch(
      /ledger transaction 3: its memo is not one a claim\.acknowledged transaction ever carried/,
    );
  });
});
