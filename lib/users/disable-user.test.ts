import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from './create-user';
import { disableUser } from './disable-user';
import { listUsers } from './list-users';
import { findUserById } from './queries';

const PASSWORD = 'correct horse battery';

async function logins() {
  const db = tempDb('mw-disable-');
  const admin = await createUser(db, {
    email: 'admin@example.test',
    role: 'admin',
    password: PASSWORD,
  });
  const claimant = await createUser(db, {
    email: 'c@example.test',
    role: 'claimant',
    accountId: 'acct-1',
    password: PASSWORD,
  });
  return { db, admin: { id: admin.id, email: admin.email }, claimantId: claimant.id };
}

describe('disabling a login', () => {
  it('marks it disabled, keeps the row and records who did it, once', async () => {
    const { db, admin, claimantId } = await logins();
    const first = disableUser(db, { userId: claimantId, actor: admin });
    expect(first.replayed).toBe(false);
    expect(findUserById(db, { id: claimantId })?.disabledAt).toBe(first.disabledAt);
    expect(disableUser(db, { userId: claimantId, actor: admin })).toEqual({
      ...first,
      replayed: true,
    });
    const audits = db.$client
      .prepare("SELECT actor_email, subject FROM audit_events WHERE action = 'user.disable'")
      .all();
    expect(audits).toEqual([{ actor_email: 'admin@example.test', subject: `user:${claimantId}` }]);
  });

  it('refuses an admin disabling their own login, and an unknown login', async () => {
    const { db, admin } = await logins();
    expect(() => disableUser(db, { userId: admin.id, actor: admin })).toThrow(/your own login/);
    try {
      disableUser(db, { userId: 999, actor: admin });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('not_found');
    }
    expect(findUserById(db, { id: admin.id })?.disabledAt).toBeNull();
  });
});

describe('the list of logins', () => {
  it('filters by role and email beginning, newest first, in pages', async () => {
    const { db, claimantId } = await logins();
    // Straight rows: hashing 52 passwords would only slow the test down.
    const insert = db.$client.prepare(
      "INSERT INTO users (email, role, created_at) VALUES (?, 'finance', '2026-01-01T00:00:00Z')",
    );
    for (let i = 0; i < 52; i++) insert.run(`f${i}@example.test`);
    const first = listUsers(db.$client, { role: 'finance' });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]?.email).toBe('f51@example.test');
    const second = listUsers(db.$client, { role: 'finance', before: first.nextBefore! });
    expect(second.rows.map((r) => r.email)).toEqual(['f1@example.test', 'f0@example.test']);
    expect(second.nextBefore).toBeNull();
    expect(listUsers(db.$client, { email: 'C@' }).rows.map((r) => r.id)).toEqual([claimantId]);
  });
});
