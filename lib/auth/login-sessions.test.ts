import { describe, expect, it } from 'vitest';
import { readAuditDetail } from '@/lib/audit/audit-actions';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from '@/lib/users/create-user';
import { disableUser } from '@/lib/users/disable-user';
import {
  endLoginSession,
  endUserSessions,
  findSessionUser,
  startLoginSession,
} from './login-sessions';

const HOUR = 3600;

async function twoLogins() {
  const db = tempDb('mw-sessions-');
  const admin = await createUser(db, {
    email: 'admin@example.test',
    role: 'admin',
    password: 'correct horse battery',
  });
  const claimant = await createUser(db, {
    email: 'c@example.test',
    role: 'claimant',
    accountId: 'acct-1',
    password: 'correct horse battery',
  });
  return { db, admin, claimant };
}

const liveCount = (db: Awaited<ReturnType<typeof twoLogins>>['db']) =>
  db.$client.prepare('SELECT count(*) FROM login_sessions WHERE ended_at IS NULL').pluck().get();

describe('login sessions', () => {
  it('names the signed-in login until it signs out, then nobody, and only once', async () => {
    const { db, claimant } = await twoLogins();
    const sessionId = startLoginSession(db, { userId: claimant.id, maxAgeSeconds: HOUR });
    expect(findSessionUser(db, { sessionId })).toEqual({
      id: claimant.id,
      email: 'c@example.test',
      role: 'claimant',
      accountId: 'acct-1',
    });
    expect(endLoginSession(db, { sessionId, reason: 'signed_out' })).toBe(true);
    expect(findSessionUser(db, { sessionId })).toBeNull();
    expect(endLoginSession(db, { sessionId, reason: 'signed_out' })).toBe(false);
  });

  it('ends one browser without ending the login’s other sessions', async () => {
    const { db, claimant } = await twoLogins();
    const laptop = startLoginSession(db, { userId: claimant.id, maxAgeSeconds: HOUR });
    const phone = startLoginSession(db, { userId: claimant.id, maxAgeSeconds: HOUR });
    expect(laptop).not.toBe(phone);
    endLoginSession(db, { sessionId: laptop, reason: 'signed_out' });
    expect(findSessionUser(db, { sessionId: laptop })).toBeNull();
    expect(findSessionUser(db, { sessionId: phone })?.id).toBe(claimant.id);
  });

  it('refuses an expired session and a forged id, and clears expired rows at the next sign-in', async () => {
    const { db, admin, claimant } = await twoLogins();
    const start = new Date('2026-01-01T00:00:00Z');
    const sessionId = startLoginSession(db, {
      userId: claimant.id,
      maxAgeSeconds: HOUR,
      now: start,
    });
    const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    expect(findSessionUser(db, { sessionId, now: later(HOUR - 1) })?.id).toBe(claimant.id);
    expect(findSessionUser(db, { sessionId, now: later(HOUR) })).toBeNull();
    expect(findSessionUser(db, { sessionId: `${sessionId.slice(0, -1)}x` })).toBeNull();
    // Anyone's sign-in clears every expired row, not only the signer's.
    const fresh = startLoginSession(db, {
      userId: admin.id,
      maxAgeSeconds: HOUR,
      now: later(2 * HOUR),
    });
    const ids = db.$client.prepare('SELECT id FROM login_sessions').pluck().all();
    expect(ids).toEqual([fresh]);
  });

  it('ends every session of a login when it is disabled, and records how many', async () => {
    const { db, admin, claimant } = await twoLogins();
    const sessions = [1, 2].map(() =>
      startLoginSession(db, { userId: claimant.id, maxAgeSeconds: HOUR }),
    );
    const adminSession = startLoginSession(db, { userId: admin.id, maxAgeSeconds: HOUR });
    disableUser(db, { userId: claimant.id, actor: { id: admin.id, email: admin.email } });
    for (const sessionId of sessions) expect(findSessionUser(db, { sessionId })).toBeNull();
    expect(findSessionUser(db, { sessionId: adminSession })?.id).toBe(admin.id);
    expect(liveCount(db)).toBe(1);
    const detail = db.$client
      .prepare("SELECT detail FROM audit_events WHERE action = 'user.disable'")
      .pluck()
      .get() as string;
    expect(readAuditDetail('user.disable', detail)).toMatchObject({
      fits: true,
      detail: { sessionsEnded: 2 },
    });
    expect(endUserSessions(db, { userId: claimant.id, reason: 'login_disabled' })).toBe(0);
  });
});
