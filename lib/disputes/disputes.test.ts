import { describe, expect, it } from 'vitest';
import { getClaim } from '@/lib/claims/get-claim';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { cancelBatch } from '@/lib/payouts/cancel-batch';
import { createBatch } from '@/lib/payouts/create-batch';
import { executeBatch } from '@/lib/payouts/execute-batch';
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
} from '@/lib/payouts/finance-fixture';
import { approveAdjustment } from './approve-adjustment';
import { appendTransaction } from '@/lib/ledger/append';
import { disputeDetail } from './dispute-queries';
import { closeDispute, loadDispute } from './dispute-store';
import { proposeAdjustment } from './propose-adjustment';
import { rejectAdjustment } from './reject-adjustment';
import { rejectDispute } from './reject-dispute';

async function disputedClaim() {
  const db = await financeFixture();
  const disputeId = dispute(db, 'acct-c', 'ETH', '3.000000000000000000');
  return { db, disputeId };
}

function postingsOf(db: Awaited<ReturnType<typeof financeFixture>>, kind: string) {
  return db.$client
    .prepare(
      `SELECT p.account, p.asset, p.amount_units FROM ledger_postings p
       JOIN ledger_transactions t ON t.seq = p.tx_seq WHERE t.kind = ? ORDER BY p.account`,
    )
    .raw()
    .all(kind);
}

describe('adjusting a disputed claim', () => {
  it('appends one adjustment of the difference and asks for a new acknowledgment', async () => {
    const { db, disputeId } = await disputedClaim();
    const versionBefore = getClaim(db.$client, 'acct-c')?.version;
    const result = adjustClaim(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2.75' }],
      reason: 'We found your deposit of 0.75 ETH.',
      actor: FINANCE_1,
    });
    expect(result.replayed).toBe(false);
    expect(postingsOf(db, 'dispute.adjusted')).toEqual([
      ['claim:acct-c', 'ETH', '750000000000000000'],
      ['program:adjustments', 'ETH', '-750000000000000000'],
    ]);
    const claim = getClaim(db.$client, 'acct-c');
    expect(claim?.lines.find((l) => l.asset === 'ETH')?.claimUnits).toBe(2750000000000000000n);
    expect(claim?.version).not.toBe(versionBefore);
    expect(claim?.status).toBe('open');
    expect(
      db.$client
        .prepare(
          'SELECT status, resolution, resolved_by, resolved_tx_seq FROM disputes WHERE id = ?',
        )
        .get(disputeId),
    ).toEqual({
      status: 'adjusted',
      resolution: 'We found your deposit of 0.75 ETH.',
      resolved_by: FINANCE_2.id,
      resolved_tx_seq: result.txSeq,
    });
    expect(count(db, "SELECT count(*) FROM audit_events WHERE action = 'dispute.adjusted'")).toBe(
      1,
    );
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('still shows adjustments stored before officers were named by id', async () => {
    for (const officers of [{}, { proposedBy: FINANCE_1.email, approvedBy: FINANCE_2.email }]) {
      const { db, disputeId } = await disputedClaim();
      const sqlite = db.$client;
      const lines = [{ asset: 'ETH', fromUnits: '2', toUnits: '3' }];
      const memo = { disputeId, accountId: 'acct-c', reason: 'old', ...officers, lines };
      sqlite.transaction(() => {
        const tx = appendTransaction(
          sqlite,
          {
            idempotencyKey: `dispute-resolution:${disputeId}`,
            kind: 'dispute.adjusted',
            actor: FINANCE_2.email,
            memo,
          },
          [],
        );
        closeDispute(sqlite, loadDispute(sqlite, disputeId), {
          status: 'adjusted',
          reason: 'old',
          resolvedBy: FINANCE_2.id,
          txSeq: tx.seq,
        });
      })();
      const view = disputeDetail(sqlite, disputeId);
      expect(view.adjustedTo).toEqual({ ETH: 3n });
      expect(view.proposedByName).toBe('proposedBy' in officers ? FINANCE_1.email : null);
    }
  });

  it('skips lines whose amount does not change', async () => {
    const { db, disputeId } = await disputedClaim();
    adjustClaim(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2' }],
      reason: 'Your claim is correct.',
      actor: FINANCE_1,
    });
    expect(postingsOf(db, 'dispute.adjusted')).toEqual([]);
    expect(
      count(db, "SELECT count(*) FROM ledger_transactions WHERE kind = 'dispute.adjusted'"),
    ).toBe(1);
  });

  it('resolves once: the same request again is a no-op, another one is refused', async () => {
    const { db, disputeId } = await disputedClaim();
    const request = {
      disputeId,
      lines: [{ asset: 'ETH', amount: '3' }],
      reason: 'Agreed.',
      actor: FINANCE_1,
    };
    const first = adjustClaim(db, request);
    const before = count(db, TX);
    expect(adjustClaim(db, request)).toEqual({ ...first, replayed: true });
    expect(
      refusal(() => adjustClaim(db, { ...request, lines: [{ asset: 'ETH', amount: '4' }] })).code,
    ).toBe('conflict');
    expect(
      refusal(() => rejectDispute(db, { disputeId, reason: 'No', actor: FINANCE_2 })).code,
    ).toBe('conflict');
    expect(count(db, TX)).toBe(before);
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(3000000000000000000n);
  });

  it('refuses bad input with a message per field, writing nothing', async () => {
    const { db, disputeId } = await disputedClaim();
    const before = count(db, TX);
    const cases = [
      {
        lines: [{ asset: 'ETH', amount: '2.1234567890123456789' }],
        reason: 'r',
        field: 'lines.0.amount',
      },
      { lines: [{ asset: 'ETH', amount: '-1' }], reason: 'r', field: 'lines.0.amount' },
      { lines: [{ asset: 'ETH', amount: '1e3' }], reason: 'r', field: 'lines.0.amount' },
      { lines: [{ asset: 'DOGE', amount: '1' }], reason: 'r', field: 'lines.0.amount' },
      { lines: [{ asset: 'ETH', amount: '3' }], reason: '   ', field: 'reason' },
      { lines: [], reason: 'r', field: 'lines' },
    ];
    for (const { field, ...input } of cases) {
      const error = refusal(() => adjustClaim(db, { disputeId, ...input, actor: FINANCE_1 }));
      expect(error.code).toBe('bad_request');
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
    expect(count(db, TX)).toBe(before);
    expect(count(db, "SELECT count(*) FROM disputes WHERE status = 'open'")).toBe(1);
  });

  it('never sets a claim below what is paid or being paid', async () => {
    const db = await financeFixture();
    acknowledge(db, 'acct-d');
    const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    const disputeId = dispute(db, 'acct-d', 'BTC', '5.00000000');
    const belowLive = refusal(() =>
      adjustClaim(db, {
        disputeId,
        lines: [{ asset: 'BTC', amount: '2' }],
        reason: 'r',
        actor: FINANCE_1,
      }),
    );
    expect(belowLive.userMessage).toMatch(/batch #1/);
    // A disputed claim is never paid: the batch is cancelled, the dispute settled, then paid.
    cancelBatch(db, { batchId, reason: 'Disputed', actor: FINANCE_2 });
    rejectDispute(db, { disputeId, reason: 'The snapshot is right.', actor: FINANCE_2 });
    acknowledge(db, 'acct-d');
    const paid = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
    approveBatch(db, { batchId: paid.batchId, actor: FINANCE_2 });
    executeBatch(db, { batchId: paid.batchId, reference: '0x1', actor: FINANCE_2 });
    const secondId = dispute(db, 'acct-d', 'BTC', '5.00000000');
    const belowPaid = refusal(() =>
      adjustClaim(db, {
        disputeId: secondId,
        lines: [{ asset: 'BTC', amount: '2.99999999' }],
        reason: 'r',
        actor: FINANCE_1,
      }),
    );
    expect(belowPaid.fieldErrors?.['lines.0.amount']).toMatch(/already paid/);
    adjustClaim(db, {
      disputeId: secondId,
      lines: [{ asset: 'BTC', amount: '3.5' }],
      reason: 'Half a coin more',
      actor: FINANCE_1,
    });
    expect(getClaim(db.$client, 'acct-d')?.lines[0]?.outstandingUnits).toBe(50000000n);
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('lets the claimant acknowledge the new version and be paid it', async () => {
    const { db, disputeId } = await disputedClaim();
    adjustClaim(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2.5' }],
      reason: 'Found it',
      actor: FINANCE_1,
    });
    acknowledge(db, 'acct-c');
    expect(getClaim(db.$client, 'acct-c')?.status).toBe('acknowledged');
    const { batchId } = createBatch(db, { requestId: requestId(), asset: 'ETH', actor: FINANCE_1 });
    approveBatch(db, { batchId, actor: FINANCE_2 });
    executeBatch(db, { batchId, reference: '0x2', actor: FINANCE_2 });
    expect(units(db, 'paid:acct-c', 'ETH')).toBe(2500000000000000000n);
    expect(booksReconcile(db)).toEqual(clean);
  });
});

describe('four eyes on an adjustment', () => {
  const PROPOSAL = {
    lines: [{ asset: 'ETH', amount: '2.75' }],
    reason: 'We found your deposit of 0.75 ETH.',
  };

  function propose(db: Awaited<ReturnType<typeof financeFixture>>, disputeId: number) {
    return proposeAdjustment(db, { disputeId, ...PROPOSAL, actor: FINANCE_1 });
  }

  it('records a proposal that changes no claim, version, balance or dispute', async () => {
    const { db, disputeId } = await disputedClaim();
    const claimBefore = getClaim(db.$client, 'acct-c');
    const txBefore = count(db, TX);
    const { proposalId } = propose(db, disputeId);
    expect(count(db, TX)).toBe(txBefore);
    const claim = getClaim(db.$client, 'acct-c');
    expect(claim?.version).toBe(claimBefore?.version);
    expect(claim?.status).toBe('disputed');
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(2000000000000000000n);
    expect(
      db.$client.prepare('SELECT status FROM disputes WHERE id = ?').pluck().get(disputeId),
    ).toBe('open');
    expect(
      db.$client
        .prepare('SELECT status, proposed_by, lines FROM adjustment_proposals WHERE id = ?')
        .get(proposalId),
    ).toEqual({
      status: 'pending',
      proposed_by: FINANCE_1.id,
      lines: JSON.stringify([{ asset: 'ETH', amount: '2.750000000000000000' }]),
    });
    expect(
      count(db, "SELECT count(*) FROM audit_events WHERE action = 'dispute.adjustment_proposed'"),
    ).toBe(1);
  });

  it('refuses approval by the officer who proposed it, writing nothing', async () => {
    const { db, disputeId } = await disputedClaim();
    const { proposalId } = propose(db, disputeId);
    const before = count(db, TX);
    const error = refusal(() =>
      approveAdjustment(db, { proposalId: proposalId!, actor: FINANCE_1 }),
    );
    expect(error.code).toBe('four_eyes');
    expect(error.userMessage).toMatch(/another finance user must approve/);
    expect(
      refusal(() =>
        rejectAdjustment(db, { proposalId: proposalId!, reason: 'x', actor: FINANCE_1 }),
      ).code,
    ).toBe('four_eyes');
    expect(count(db, TX)).toBe(before);
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(2000000000000000000n);
    expect(
      db.$client
        .prepare('SELECT status FROM adjustment_proposals WHERE id = ?')
        .pluck()
        .get(proposalId),
    ).toBe('pending');
  });

  it('appends the adjustment only when another officer approves, naming both', async () => {
    const { db, disputeId } = await disputedClaim();
    const { proposalId } = propose(db, disputeId);
    const result = approveAdjustment(db, { proposalId: proposalId!, actor: FINANCE_2 });
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(2750000000000000000n);
    const memo = JSON.parse(
      db.$client
        .prepare('SELECT memo FROM ledger_transactions WHERE seq = ?')
        .pluck()
        .get(result.txSeq) as string,
    ) as Record<string, unknown>;
    // By id: the chained memo keeps no email.
    expect(memo).toMatchObject({
      proposedBy: `user:${FINANCE_1.id}`,
      approvedBy: `user:${FINANCE_2.id}`,
    });
    expect(JSON.stringify(memo)).not.toContain('@');
    // The page still names the proposer, by the login's email now (the id while none has it).
    expect(disputeDetail(db.$client, disputeId).proposedByName).toBe(`user:${FINANCE_1.id}`);
    db.$client
      .prepare(
        "INSERT INTO users (id, email, role, created_at) VALUES (?, ?, 'finance', '2026-01-01T00:00:00Z')",
      )
      .run(FINANCE_1.id, FINANCE_1.email);
    expect(disputeDetail(db.$client, disputeId).proposedByName).toBe(FINANCE_1.email);
    expect(
      db.$client
        .prepare('SELECT status, decided_by, tx_seq FROM adjustment_proposals WHERE id = ?')
        .get(proposalId),
    ).toEqual({ status: 'approved', decided_by: FINANCE_2.id, tx_seq: result.txSeq });
    expect(approveAdjustment(db, { proposalId: proposalId!, actor: FINANCE_2 })).toEqual({
      ...result,
      replayed: true,
    });
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('refuses a second proposal while one waits, and takes a new one after a rejection', async () => {
    const { db, disputeId } = await disputedClaim();
    const { proposalId } = propose(db, disputeId);
    expect(propose(db, disputeId)).toEqual({ disputeId, proposalId, replayed: true });
    const other = refusal(() =>
      proposeAdjustment(db, {
        disputeId,
        lines: [{ asset: 'ETH', amount: '9' }],
        reason: 'More',
        actor: FINANCE_2,
      }),
    );
    expect(other.userMessage).toMatch(/already has an adjustment proposed by finance1/);
    expect(
      refusal(() => rejectDispute(db, { disputeId, reason: 'No', actor: FINANCE_2 })).code,
    ).toBe('conflict');
    rejectAdjustment(db, {
      proposalId: proposalId!,
      reason: 'Check the deposit date.',
      actor: FINANCE_2,
    });
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(2000000000000000000n);
    expect(
      refusal(() => approveAdjustment(db, { proposalId: proposalId!, actor: FINANCE_2 })).code,
    ).toBe('conflict');
    const second = proposeAdjustment(db, {
      disputeId,
      lines: [{ asset: 'ETH', amount: '2.5' }],
      reason: 'Deposit after the snapshot: half.',
      actor: FINANCE_2,
    });
    approveAdjustment(db, { proposalId: second.proposalId!, actor: FINANCE_1 });
    expect(units(db, 'claim:acct-c', 'ETH')).toBe(2500000000000000000n);
  });
});

describe('rejecting a dispute', () => {
  it('records the reason once, without postings, and reopens the claim', async () => {
    const { db, disputeId } = await disputedClaim();
    const request = { disputeId, reason: 'The snapshot shows 2 ETH.', actor: FINANCE_2 };
    const first = rejectDispute(db, request);
    expect(postingsOf(db, 'dispute.rejected')).toEqual([]);
    expect(getClaim(db.$client, 'acct-c')?.status).toBe('open');
    const before = count(db, TX);
    expect(rejectDispute(db, request)).toEqual({ ...first, replayed: true });
    expect(count(db, TX)).toBe(before);
    expect(
      db.$client.prepare('SELECT status, resolution FROM disputes WHERE id = ?').get(disputeId),
    ).toEqual({ status: 'rejected', resolution: 'The snapshot shows 2 ETH.' });
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('needs a reason', async () => {
    const { db, disputeId } = await disputedClaim();
    const error = refusal(() => rejectDispute(db, { disputeId, reason: '', actor: FINANCE_2 }));
    expect(error.fieldErrors?.reason).toMatch(/reason/);
    expect(
      refusal(() => rejectDispute(db, { disputeId: 99, reason: 'x', actor: FINANCE_2 })).code,
    ).toBe('not_found');
  });
});

describe('the reason the claimant reads', () => {
  const BAD_REASONS: [string, RegExp][] = [
    [
      'We found \u202Eoot\u202C your deposit.',
      /^Remove the hidden text-direction character U\+202E/,
    ],
    ['Rejected\u0007 for now.', /^Remove tabs and other invisible control characters/],
    ['Rejected\tfor now.', /^Remove tabs and other invisible control characters/],
    ['Rejected\u200B for now.', /^Remove the zero-width space U\+200B/],
    ['Rejected \uD800 for now.', /^Character 10 is broken/],
    ['x'.repeat(2001), /^Keep the reason under 2,000 characters\.$/],
  ];

  it('is refused with hidden, broken or control characters, or too long; nothing is written', async () => {
    const { db, disputeId } = await disputedClaim();
    const before = count(db, TX);
    for (const [reason, message] of BAD_REASONS) {
      for (const resolve of [
        () => rejectDispute(db, { disputeId, reason, actor: FINANCE_2 }),
        () =>
          adjustClaim(db, {
            disputeId,
            lines: [{ asset: 'ETH', amount: '2.5' }],
            reason,
            actor: FINANCE_1,
          }),
      ]) {
        const error = refusal(resolve);
        expect(error.code).toBe('bad_request');
        expect(error.fieldErrors).toEqual({ reason: expect.stringMatching(message) });
      }
    }
    expect(count(db, TX)).toBe(before);
    expect(count(db, "SELECT count(*) FROM disputes WHERE status = 'open'")).toBe(1);
    expect(count(db, "SELECT count(*) FROM audit_events WHERE action LIKE 'dispute.%'")).toBe(0);
  });

  it('may be in any script, with emoji, line breaks and markup, stored composed', async () => {
    const { db, disputeId } = await disputedClaim();
    const reason = 'Vérifié ✅ 已核实\r\nSee <b>ticket</b> & the <script>log</script>.';
    rejectDispute(db, { disputeId, reason: reason.normalize('NFD'), actor: FINANCE_2 });
    expect(
      db.$client.prepare('SELECT resolution FROM disputes WHERE id = ?').pluck().get(disputeId),
    ).toBe('Vérifié ✅ 已核实\nSee <b>ticket</b> & the <script>log</script>.');
  });

  it('names only a disputed line by its ASCII asset code', async () => {
    const { db, disputeId } = await disputedClaim();
    const before = count(db, TX);
    // A Cyrillic "Е" and a Greek "Τ": ETH to the eye, not to the ledger.
    const error = refusal(() =>
      adjustClaim(db, {
        disputeId,
        lines: [{ asset: '\u0415\u03A4H', amount: '2.5' }],
        reason: 'We found it.',
        actor: FINANCE_1,
      }),
    );
    expect(error.fieldErrors).toEqual({
      'lines.0.asset': expect.stringMatching(/^Use only ASCII .*\(U\+0415\)/),
    });
    expect(count(db, TX)).toBe(before);
  });
});
