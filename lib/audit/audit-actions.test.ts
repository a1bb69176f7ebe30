import { describe, expect, it } from 'vitest';
import { auditWriter } from '@/lib/onboarding/audit';
import { tempDb } from '@/lib/testing/temp-db';
import {
  AUDIT_ACTIONS,
  AUTH_SIGN_IN_FAILED,
  AUTH_SIGN_OUT,
  BATCH_CANCELLED,
  ONBOARDING_CODE_THROTTLED,
  readAuditDetail,
} from './audit-actions';
import { recordAudit } from './record-audit';

type Sqlite = ReturnType<typeof tempDb>['$client'];

const rows = (sqlite: Sqlite) =>
  sqlite.prepare('SELECT action, detail FROM audit_events ORDER BY id').all() as {
    action: string;
    detail: string | null;
  }[];

describe('the audit vocabulary', () => {
  it('writes an action only as an entry of the table, with a detail that fits it', () => {
    const db = tempDb('mw-audit-vocab-');
    recordAudit(db, BATCH_CANCELLED, {
      subject: 'batch:7',
      detail: { reason: 'wrong asset', txSeq: 3 },
    });
    recordAudit(db, AUTH_SIGN_OUT, { subject: 'user:2' });
    expect(rows(db.$client)).toEqual([
      { action: 'payout.batch_cancelled', detail: '{"reason":"wrong asset","txSeq":3}' },
      { action: 'auth.sign_out', detail: null },
    ]);
    // A misspelt action names no entry: neither form compiles.
    // @ts-expect-error an action is an entry of AUDIT_ACTIONS, not a string
    expect(() => recordAudit(db, 'payout.batch_canceled', { subject: 'batch:7' })).toThrow();
    expect(AUDIT_ACTIONS.get('payout.batch_canceled')).toBeUndefined();
  });

  it('refuses a detail that does not fit its action and writes nothing', () => {
    const db = tempDb('mw-audit-refuse-');
    const cases: [string, () => void][] = [
      [
        'a field the schema does not name',
        () =>
          recordAudit(db, BATCH_CANCELLED, {
            // @ts-expect-error not in the schema
            detail: { reason: 'r', txSeq: 3, note: 'extra' },
          }),
      ],
      [
        'a reason outside its enumeration',
        () =>
          recordAudit(db, AUTH_SIGN_IN_FAILED, {
            // @ts-expect-error not one of the refusal reasons
            detail: { address: '10.0.0.1', reason: 'bad_password' },
          }),
      ],
      [
        'a missing detail',
        // @ts-expect-error the action requires its detail
        () => recordAudit(db, BATCH_CANCELLED, { subject: 'batch:7' }),
      ],
      [
        'the onboarding writer too',
        () =>
          auditWriter(db.$client)(ONBOARDING_CODE_THROTTLED, {
            actorEmail: null,
            // @ts-expect-error address is a string
            detail: { address: 7 },
          }),
      ],
    ];
    for (const [, write] of cases) expect(write).toThrow(/audit detail refused/);
    expect(rows(db.$client)).toEqual([]);
  });

  it('reads stored rows of every age: fitting details parsed, older ones as stored', () => {
    expect(readAuditDetail('payout.batch_cancelled', '{"reason":"r","txSeq":3}')).toEqual({
      fits: true,
      action: 'payout.batch_cancelled',
      detail: { reason: 'r', txSeq: 3 },
    });
    expect(readAuditDetail('auth.sign_out', null)).toMatchObject({ fits: true });
    // Older rows: a detail from before its schema, an action no longer written, text not JSON.
    for (const [action, detail] of [
      ['dispute.adjusted', '{"disputeId":1,"lines":2,"txSeq":9}'],
      ['claim.responded', '{"version":"v1"}'],
      ['ledger.verify', 'not json'],
    ] as const) {
      expect(readAuditDetail(action, detail)).toEqual({ fits: false, action, raw: detail });
    }
  });
});
