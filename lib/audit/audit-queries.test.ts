import { describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/auth/authenticate';
import { unknownEmailDigest } from '@/lib/audit/unknown-email';
import { tempDb } from '@/lib/testing/temp-db';
import { AUDIT_PAGE, listAuditEvents } from './audit-queries';
import { AUTH_SIGN_OUT } from './audit-actions';
import { recordAudit } from './record-audit';

function trail() {
  const db = tempDb('mw-audit-');
  const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const insert = db.$client.prepare(
    'INSERT INTO audit_events (at, actor_email, action, subject) VALUES (?, ?, ?, ?)',
  );
  insert.run(at(1), 'a@example.test', 'auth.sign_in', 'user:1');
  insert.run(at(2), 'f1@example.test', 'payout.batch_created', 'batch:1');
  insert.run(at(3), 'f2@example.test', 'payout.batch_approved', 'batch:1');
  insert.run(at(4), 'x@example.test', 'auth.sign_in_failed', null);
  insert.run(at(5), 'f1@example.test', 'dispute.adjusted', 'account:acct-1');
  return db;
}

const actions = (rows: { action: string }[]) => rows.map((r) => r.action);

describe('the audit trail query', () => {
  it('filters by exact action or by group, newest first', () => {
    const db = trail();
    expect(actions(listAuditEvents(db.$client, { action: 'auth.' }).rows)).toEqual([
      'auth.sign_in_failed',
      'auth.sign_in',
    ]);
    expect(actions(listAuditEvents(db.$client, { action: 'auth.sign_in' }).rows)).toEqual([
      'auth.sign_in',
    ]);
  });

  it('filters by actor, subject and day range', () => {
    const db = trail();
    expect(actions(listAuditEvents(db.$client, { actor: 'F1@' }).rows)).toEqual([
      'dispute.adjusted',
      'payout.batch_created',
    ]);
    expect(actions(listAuditEvents(db.$client, { subject: 'batch:1' }).rows)).toEqual([
      'payout.batch_approved',
      'payout.batch_created',
    ]);
    expect(
      actions(listAuditEvents(db.$client, { from: '2026-01-02', to: '2026-01-04' }).rows),
    ).toEqual(['payout.batch_approved', 'payout.batch_created']);
  });

  it('pages with a cursor that stays valid as events are added', () => {
    const db = tempDb('mw-audit-pages-');
    for (let i = 0; i < AUDIT_PAGE + 5; i++)
      recordAudit(db, AUTH_SIGN_OUT, { subject: `test.${i}` });
    const first = listAuditEvents(db.$client, {});
    expect(first.rows).toHaveLength(AUDIT_PAGE);
    recordAudit(db, AUTH_SIGN_OUT, { subject: 'test.new' });
    const second = listAuditEvents(db.$client, { before: first.nextBefore! });
    expect(second.rows.map((r) => r.subject)).toEqual([
      'test.4',
      'test.3',
      'test.2',
      'test.1',
      'test.0',
    ]);
    expect(second.nextBefore).toBeNull();
  });
});

describe('an email no login has, typed at sign-in', () => {
  it('is found by the whole address through its keyed digest, never stored in clear', async () => {
    const db = tempDb('mw-audit-digest-');
    await authenticate(db, { email: 'Stranger@Example.test', password: 'not a password' });
    const actor = 'stranger@example.test';
    expect(listAuditEvents(db.$client, { actor }).rows).toEqual([]);
    const found = listAuditEvents(db.$client, {
      actor,
      actorDigest: unknownEmailDigest(db.$client, actor),
    }).rows;
    expect(actions(found)).toEqual(['auth.sign_in_failed']);
    expect(found[0]!.actorEmail).toMatch(/^hmac:/);
  });
});
