import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { verifyLedger } from '@/lib/ledger/verify';
import { CLAIMANT_A, claimFixture, rejectOpenDispute, writtenRows } from './claim-fixture';
import { getClaim } from './get-claim';
import { openDispute, type OpenDisputeOptions } from './open-dispute';

async function setup() {
  const { $client: sqlite } = await claimFixture();
  const version = getClaim(sqlite, 'acct-a')!.version;
  const valid: OpenDisputeOptions = {
    accountId: 'acct-a',
    version,
    lines: [
      { asset: 'ETH', expected: '123456789012.5' },
      { asset: 'BTC', expected: '1.3' },
    ],
    explanation: 'Two deposits arrived before the hack.\nSee the transactions below.',
    references: ['0xabc123', ' 0xdef456 '],
    actor: CLAIMANT_A,
  };
  return { sqlite, version, valid };
}

function fieldErrorsOf(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('disputing a claim', () => {
  it('records the dispute in the ledger, the disputes table, the status and the audit trail', async () => {
    const { sqlite, version, valid } = await setup();
    const result = openDispute(sqlite, valid);
    expect(result.replayed).toBe(false);
    const tx = sqlite
      .prepare('SELECT * FROM ledger_transactions WHERE seq = ?')
      .get(result.seq) as Record<string, string>;
    expect(tx.kind).toBe('claim.disputed');
    expect(tx.idempotency_key).toMatch(new RegExp(`^dispute:acct-a:${version}:[0-9a-f]{64}$`));
    const lines = [
      { asset: 'BTC', expected: '1.30000000' },
      { asset: 'ETH', expected: '123456789012.500000000000000000' },
    ];
    expect(JSON.parse(tx.memo!)).toEqual({
      accountId: 'acct-a',
      version,
      lines,
      explanation: 'Two deposits arrived before the hack.\nSee the transactions below.',
      references: ['0xabc123', '0xdef456'],
    });
    const row = sqlite
      .prepare('SELECT * FROM disputes WHERE id = ?')
      .get(result.disputeId) as Record<string, unknown>;
    expect(row).toMatchObject({
      account_id: 'acct-a',
      claim_version: version,
      status: 'open',
      opened_tx_seq: result.seq,
    });
    expect(JSON.parse(row.lines as string)).toEqual(lines);
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('disputed');
    expect(
      sqlite
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'claim.dispute'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('appends once when the same dispute is sent twice', async () => {
    const { sqlite, valid } = await setup();
    const first = openDispute(sqlite, valid);
    const after = writtenRows(sqlite);
    const again = openDispute(sqlite, {
      ...valid,
      lines: [...valid.lines].reverse(),
      explanation: ` ${valid.explanation} `,
    });
    expect(again).toEqual({ ...first, replayed: true });
    expect(writtenRows(sqlite)).toEqual(after);
  });

  it('refuses a second, different dispute while one is open, writing nothing', async () => {
    const { sqlite, valid } = await setup();
    openDispute(sqlite, valid);
    const after = writtenRows(sqlite);
    expect(() =>
      openDispute(sqlite, { ...valid, explanation: 'Something else is wrong too.' }),
    ).toThrow(/already have an open dispute/);
    expect(writtenRows(sqlite)).toEqual(after);
  });

  it('refuses a version the claimant no longer sees, writing nothing', async () => {
    const { sqlite, valid } = await setup();
    const before = writtenRows(sqlite);
    expect(() => openDispute(sqlite, { ...valid, version: 'f'.repeat(64) })).toThrow(
      /changed since you loaded/,
    );
    expect(writtenRows(sqlite)).toEqual(before);
  });

  it('names every wrong field and writes nothing', async () => {
    const { sqlite, valid } = await setup();
    const before = writtenRows(sqlite);
    const errors = fieldErrorsOf(() =>
      openDispute(sqlite, {
        ...valid,
        lines: [
          { asset: 'BTC', expected: '1.123456789' },
          { asset: 'XRP', expected: '5' },
          { asset: 'DOGE', expected: '1,000' },
          { asset: 'BTC', expected: '2' },
          { asset: 'NOPR', expected: '5' },
        ],
        explanation: 'A tab\there is not allowed.',
        references: Array.from({ length: 11 }, (_, i) => `tx-${i}`),
      }),
    );
    expect(errors).toEqual({
      'lines.0.expected': 'The amount "1.123456789" has 9 decimal places but BTC allows 8.',
      'lines.1.asset': 'Choose one of the lines of your claim.',
      'lines.2.expected': expect.stringMatching(/thousands separator/),
      'lines.3.asset': 'This line is already chosen above.',
      'lines.4.expected': expect.stringMatching(/already your claim for NOPR/),
      explanation: 'Remove tabs and other invisible control characters (line breaks are fine).',
      references: 'Give at most 10 references.',
    });
    expect(
      fieldErrorsOf(() => openDispute(sqlite, { ...valid, lines: [], explanation: 'short' })),
    ).toEqual({
      lines: 'Choose at least one line you disagree with.',
      explanation: 'Explain in at least 10 characters.',
    });
    expect(
      fieldErrorsOf(() =>
        openDispute(sqlite, {
          ...valid,
          explanation: 'x'.repeat(2001),
          references: ['y'.repeat(201)],
        }),
      ),
    ).toEqual({
      explanation: 'Keep the explanation under 2000 characters.',
      references: 'Reference 1: Each reference must be at most 200 characters.',
    });
    expect(writtenRows(sqlite)).toEqual(before);
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('accepts the same dispute again once the first was rejected', async () => {
    const { sqlite, valid } = await setup();
    const first = openDispute(sqlite, valid);
    rejectOpenDispute(sqlite, first.disputeId, 'Deposits arrived after the snapshot.');
    const second = openDispute(sqlite, valid);
    expect(second.disputeId).not.toBe(first.disputeId);
    expect(second.replayed).toBe(false);
    expect(getClaim(sqlite, 'acct-a')!.status).toBe('disputed');
    expect(verifyLedger(sqlite).ok).toBe(true);
  });

  it('writes nothing for hidden, broken or control characters, naming the field', async () => {
    const { sqlite, valid } = await setup();
    const before = writtenRows(sqlite);
    for (const [input, field, message] of [
      [{ explanation: 'Pay \u202Eten\u202C more please' }, 'explanation', /text-direction/],
      [{ explanation: 'Pay ten\u2066 more please' }, 'explanation', /text-direction/],
      [{ explanation: 'Pay ten\u200D more please' }, 'explanation', /zero-width joiner/],
      [{ explanation: 'Pay ten \uDC00 more please' }, 'explanation', /broken/],
      [{ explanation: 'Pay ten\u0000 more please' }, 'explanation', /control characters/],
      [{ references: ['0xabc', '0x\uFEFFdef'] }, 'references', /^Reference 2: .*U\+FEFF/],
      [{ references: ['line\nbreak'] }, 'references', /^Reference 1: Remove line breaks/],
    ] as const) {
      expect(fieldErrorsOf(() => openDispute(sqlite, { ...valid, ...input }))).toEqual({
        [field]: expect.stringMatching(message),
      });
    }
    expect(writtenRows(sqlite)).toEqual(before);
  });

  it('stores text in its composed form, so the same words typed differently are one dispute', async () => {
    const { sqlite, valid } = await setup();
    const composed = 'Le dépôt est arrivé avant le piratage.\n入金はハッキング前です 🙏';
    const first = openDispute(sqlite, { ...valid, explanation: composed });
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const again = openDispute(sqlite, { ...valid, explanation: `${decomposed}\r\n` });
    expect(again).toEqual({ ...first, replayed: true });
    const stored = sqlite
      .prepare('SELECT explanation FROM disputes WHERE id = ?')
      .pluck()
      .get(first.disputeId);
    expect(stored).toBe(composed);
  });
});
