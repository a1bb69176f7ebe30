/**
 * The text policy (lib/validation/text.ts) where money moves: a payout's reference, a
 * cancellation's reason and the batch filters.
 */
import { describe, expect, it } from 'vitest';
import { approveBatch } from './approve-batch';
import { cancelBatch } from './cancel-batch';
import { createBatch } from './create-batch';
import { executeBatch } from './execute-batch';
import {
  acknowledge,
  booksReconcile,
  clean,
  count,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  refusal,
  requestId,
  TX,
} from './finance-fixture';
import { createBatchSchema } from './schemas';

async function approvedBatch() {
  const db = await financeFixture();
  acknowledge(db, 'acct-a');
  const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
  approveBatch(db, { batchId, actor: FINANCE_2 });
  return { db, batchId };
}

const batchState = (db: Awaited<ReturnType<typeof financeFixture>>, batchId: number) =>
  db.$client
    .prepare(
      'SELECT status, reference, cancel_reason AS cancelReason FROM payout_batches WHERE id = ?',
    )
    .get(batchId);

describe('the reference of a payout', () => {
  it('is refused, and nothing paid, when it is not printable ASCII', async () => {
    const { db, batchId } = await approvedBatch();
    const before = count(db, TX);
    for (const [reference, code] of [
      ['0x\u0430bc123', 'U+0430'], // Cyrillic small a
      ['0x\uFF10\uFF11', 'U+FF10'], // fullwidth digits
      ['0xabc\u200B', 'U+200B'],
      ['0xabc\u202Edef', 'U+202E'],
      ['0xabc\u0007', 'U+0007'],
      ['tx\u00A0123', 'U+00A0'], // a no-break space, not a space
    ] as const) {
      const error = refusal(() => executeBatch(db, { batchId, reference, actor: FINANCE_2 }));
      expect(error.code).toBe('bad_request');
      expect(error.fieldErrors?.reference).toMatch(
        new RegExp(
          `^Use only ASCII letters, digits, spaces and punctuation: .*\\(${code.replace('+', '\\+')}\\)`,
        ),
      );
    }
    expect(
      refusal(() => executeBatch(db, { batchId, reference: 'x'.repeat(201), actor: FINANCE_2 }))
        .fieldErrors,
    ).toEqual({ reference: 'A reference has at most 200 characters.' });
    expect(count(db, TX)).toBe(before);
    expect(batchState(db, batchId)).toMatchObject({ status: 'approved', reference: null });
    expect(booksReconcile(db)).toEqual(clean);
  });

  it('is kept as typed when it is ASCII, spaces and punctuation included', async () => {
    const { db, batchId } = await approvedBatch();
    executeBatch(db, { batchId, reference: '  Credit #42/7 (ops: <b>) ', actor: FINANCE_2 });
    expect(batchState(db, batchId)).toMatchObject({
      status: 'executed',
      reference: 'Credit #42/7 (ops: <b>)',
    });
  });
});

describe('the reason a batch is cancelled', () => {
  it('is refused with control, hidden or broken characters, and the batch stays', async () => {
    const { db, batchId } = await approvedBatch();
    const before = count(db, TX);
    for (const [reason, message] of [
      ['Wrong\u0000 batch', /^Remove tabs and other invisible control characters/],
      ['Wrong\u001B[2J batch', /^Remove tabs and other invisible control characters/],
      ['Wrong \u2067batch\u2069', /^Remove the hidden text-direction character U\+2067/],
      ['Wrong\u2060batch', /^Remove the word joiner U\+2060/],
      ['Wrong \uDBFF batch', /^Character 7 is broken/],
      ['😀'.repeat(2001), /^Keep the reason under 2,000 characters\.$/],
    ] as const) {
      const error = refusal(() => cancelBatch(db, { batchId, reason, actor: FINANCE_1 }));
      expect(error.fieldErrors).toEqual({ reason: expect.stringMatching(message) });
    }
    expect(count(db, TX)).toBe(before);
    expect(batchState(db, batchId)).toMatchObject({ status: 'approved', cancelReason: null });
  });

  it('may be any text people write, stored composed with \\n line breaks', async () => {
    const { db, batchId } = await approvedBatch();
    const reason = 'Doublon ❌ — 重复\r\nsee <img src=x onerror=alert(1)>';
    cancelBatch(db, { batchId, reason: reason.normalize('NFD'), actor: FINANCE_1 });
    expect(batchState(db, batchId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Doublon ❌ — 重复\nsee <img src=x onerror=alert(1)>',
    });
  });
});

describe('the filters of a new batch', () => {
  const fieldErrors = (input: object) => {
    const parsed = createBatchSchema.safeParse({ requestId: requestId(), ...input });
    return parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('take ASCII asset codes and account ids, and refuse lookalikes', () => {
    expect(createBatchSchema.parse({ requestId: requestId(), asset: ' eth ' }).asset).toBe('ETH');
    expect(createBatchSchema.parse({ requestId: requestId(), asset: '' }).asset).toBeUndefined();
    // A dotless "ı" upper-cases to "I": refused before it can become an asset code.
    expect(fieldErrors({ asset: 'usd\u0131' })).toEqual({
      asset: expect.stringMatching(
        /^Use only ASCII letters, digits and \. _ - in an asset code: character 4 \(U\+0131\)/,
      ),
    });
    expect(fieldErrors({ asset: 'ETH!' })).toEqual({
      asset: 'Choose an asset, or leave it empty for all assets.',
    });
    expect(fieldErrors({ accounts: 'acct-a\nacct-\u0431' })).toEqual({
      accounts: expect.stringMatching(/^Account id 2: Use only ASCII .*\(U\+0431\)/),
    });
    expect(fieldErrors({ accounts: 'acct-a\u200Bb' })).toEqual({
      accounts: expect.stringMatching(/^Account id 1: .*\(U\+200B\)/),
    });
    expect(fieldErrors({ accounts: 'acct-a, acct-b;acct-c' })).toEqual({});
  });
});
