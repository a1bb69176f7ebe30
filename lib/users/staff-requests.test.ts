import { describe, expect, it } from 'vitest';
import { startLoginSession } from '@/lib/auth/login-sessions';
import { verifyPassword } from '@/lib/auth/password';
import type { AppError } from '@/lib/errors';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from './create-user';
import { disableUser } from './disable-user';
import {
  decideStaffRequest,
  pendingStaffRequests,
  requestLogin,
  requestStaffChange,
} from './staff-requests';

const PASSWORD = 'correct horse battery';

async function admins() {
  const db = tempDb('mw-staff-requests-');
  const make = async (email: string, role: 'admin' | 'finance', totpSecret?: string) => {
    const u = await createUser(db, { email, role, password: PASSWORD, totpSecret });
    return { id: u.id, email: u.email };
  };
  const maker = await make('maker@example.test', 'admin');
  const checker = await make('checker@example.test', 'admin');
  const officer = await make('officer@example.test', 'finance', 'JBSWY3DPEHPK3PXPJBSWY3DP');
  return { db, maker, checker, officer };
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

const user = (db: ReturnType<typeof tempDb>, email: string) =>
  db.$client
    .prepare(
      'SELECT role, totp_secret AS totpSecret, disabled_at AS disabledAt, password_hash AS passwordHash FROM users WHERE email = ?',
    )
    .get(email) as
    | { role: string; totpSecret: string | null; disabledAt: string | null; passwordHash: string }
    | undefined;

describe('a new staff login', () => {
  it('exists only once a different admin approves it, without an authenticator', async () => {
    const { db, maker, checker } = await admins();
    const { requestId } = await requestLogin(
      db,
      { email: 'new@example.test', role: 'finance', password: 'a long initial secret' },
      maker,
    );
    expect(user(db, 'new@example.test')).toBeUndefined();
    expect(pendingStaffRequests(db.$client)).toMatchObject([
      {
        id: requestId,
        kind: 'create_login',
        email: 'new@example.test',
        role: 'finance',
        requesterEmail: maker.email,
      },
    ]);
    const own = refusal(() => decideStaffRequest(db, { requestId, decision: 'approve' }, maker));
    expect(own.code).toBe('forbidden');
    expect(own.userMessage).toMatch(/a different admin must approve it/);
    expect(user(db, 'new@example.test')).toBeUndefined();

    expect(decideStaffRequest(db, { requestId, decision: 'approve' }, checker)).toEqual({
      requestId,
      status: 'approved',
      replayed: false,
    });
    const created = user(db, 'new@example.test');
    expect(created).toMatchObject({ role: 'finance', totpSecret: null, disabledAt: null });
    expect(await verifyPassword('a long initial secret', created!.passwordHash)).toBe(true);
    expect(decideStaffRequest(db, { requestId, decision: 'approve' }, checker).replayed).toBe(true);
    expect(pendingStaffRequests(db.$client)).toEqual([]);
    const audit = db.$client
      .prepare(
        "SELECT action, actor_email AS actor FROM audit_events WHERE action LIKE 'staff.%' ORDER BY id",
      )
      .all();
    expect(audit).toEqual([
      { action: 'staff.request_create_login', actor: maker.email },
      { action: 'staff.request_approved', actor: checker.email },
    ]);
  });

  it('is not created when rejected, and a claimant login needs no request', async () => {
    const { db, maker, checker } = await admins();
    const { requestId } = await requestLogin(
      db,
      { email: 'new@example.test', role: 'admin', password: 'a long initial secret' },
      maker,
    );
    await expect(
      requestLogin(
        db,
        { email: 'new@example.test', role: 'finance', password: 'another long one' },
        checker,
      ),
    ).rejects.toThrow(
      /already has a request awaiting approval \(Create login, by maker@example.test\)/,
    );
    decideStaffRequest(db, { requestId, decision: 'reject' }, checker);
    expect(user(db, 'new@example.test')).toBeUndefined();
    expect(
      refusal(() => decideStaffRequest(db, { requestId, decision: 'approve' }, checker))
        .userMessage,
    ).toBe(`Request #${requestId} was already rejected.`);
    await expect(
      requestLogin(
        db,
        { email: 'c@example.test', role: 'claimant', accountId: 'acct-1', password: PASSWORD },
        maker,
      ),
    ).rejects.toThrow(/needs no approval/);
  });
});

describe('a change of a staff login', () => {
  it("changes a role only on approval, and ends the login's sessions", async () => {
    const { db, maker, checker, officer } = await admins();
    const sessionId = startLoginSession(db, { userId: officer.id, maxAgeSeconds: 3600 });
    const { requestId } = requestStaffChange(
      db,
      { kind: 'change_role', userId: officer.id, role: 'admin' },
      maker,
    );
    expect(user(db, officer.email)?.role).toBe('finance');
    decideStaffRequest(db, { requestId, decision: 'approve' }, checker);
    expect(user(db, officer.email)?.role).toBe('admin');
    const ended = db.$client
      .prepare('SELECT ended_reason FROM login_sessions WHERE id = ?')
      .pluck()
      .get(sessionId);
    expect(ended).toBe('role_changed');
  });

  it('re-enables a disabled login only on approval', async () => {
    const { db, maker, checker, officer } = await admins();
    disableUser(db, { userId: officer.id, actor: maker });
    const { requestId } = requestStaffChange(
      db,
      { kind: 'enable_login', userId: officer.id },
      maker,
    );
    expect(user(db, officer.email)?.disabledAt).not.toBeNull();
    decideStaffRequest(db, { requestId, decision: 'approve' }, checker);
    expect(user(db, officer.email)?.disabledAt).toBeNull();
  });

  it('resets two-factor only on approval, so the next sign-in enrols anew', async () => {
    const { db, maker, checker, officer } = await admins();
    const { requestId } = requestStaffChange(db, { kind: 'reset_totp', userId: officer.id }, maker);
    expect(user(db, officer.email)?.totpSecret).not.toBeNull();
    decideStaffRequest(db, { requestId, decision: 'approve' }, checker);
    expect(user(db, officer.email)?.totpSecret).toBeNull();
  });

  it("refuses a request about oneself, a no-op, or a claimant's role", async () => {
    const { db, maker, officer } = await admins();
    const claimant = await createUser(db, {
      email: 'c@example.test',
      role: 'claimant',
      accountId: 'acct-1',
      password: PASSWORD,
    });
    expect(
      refusal(() => requestStaffChange(db, { kind: 'reset_totp', userId: maker.id }, maker))
        .userMessage,
    ).toMatch(/your own login/);
    expect(
      refusal(() =>
        requestStaffChange(db, { kind: 'change_role', userId: officer.id, role: 'finance' }, maker),
      ).userMessage,
    ).toBe('officer@example.test is already finance.');
    expect(
      refusal(() => requestStaffChange(db, { kind: 'enable_login', userId: officer.id }, maker))
        .userMessage,
    ).toBe('officer@example.test is not disabled.');
    expect(
      refusal(() =>
        requestStaffChange(db, { kind: 'change_role', userId: claimant.id, role: 'admin' }, maker),
      ).code,
    ).toBe('bad_request');
    expect(pendingStaffRequests(db.$client)).toEqual([]);
  });

  it('cannot be approved by its requester even by writing to the database directly', async () => {
    const { db, maker, officer } = await admins();
    const { requestId } = requestStaffChange(db, { kind: 'reset_totp', userId: officer.id }, maker);
    expect(() =>
      db.$client
        .prepare("UPDATE staff_requests SET status = 'approved', decided_by = ? WHERE id = ?")
        .run(maker.id, requestId),
    ).toThrow(/staff_requests_four_eyes/);
  });
});
