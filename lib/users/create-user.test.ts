import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditDetail } from '@/lib/audit/audit-actions';
import { openDatabase } from '@/db/client';
import { authenticate } from '@/lib/auth/authenticate';
import { verifyPassword } from '@/lib/auth/password';
import { createUser } from './create-user';
import { createLoginSchema } from './create-user-schema';
import { findUserByEmail } from './queries';

const freshDb = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'mw-users-')), 'test.db'));
const PASSWORD = 'correct horse battery';

describe('creating a login', () => {
  it('stores a normalised email and a scrypt hash, never the password', async () => {
    const db = freshDb();
    await createUser(db, { email: ' Finance@Example.TEST ', role: 'finance', password: PASSWORD });
    const user = findUserByEmail(db, { email: 'finance@example.test' });
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user!.passwordHash!)).toBe(true);
    expect(await verifyPassword('wrong password!', user!.passwordHash!)).toBe(false);
  });

  it('refuses a duplicate email whatever its case', async () => {
    const db = freshDb();
    await createUser(db, { email: 'a@example.test', role: 'admin', password: PASSWORD });
    await expect(
      createUser(db, { email: 'A@example.test', role: 'admin', password: PASSWORD }),
    ).rejects.toThrow(/already exists/);
  });

  it('refuses a claimant without an account and staff with one', async () => {
    const db = freshDb();
    await expect(
      createUser(db, { email: 'c@example.test', role: 'claimant', password: PASSWORD }),
    ).rejects.toThrow(/bound to an account/);
    await expect(
      createUser(db, {
        email: 'f@example.test',
        role: 'finance',
        accountId: 'acct-1',
        password: PASSWORD,
      }),
    ).rejects.toThrow(/Only claimant/);
    expect(findUserByEmail(db, { email: 'c@example.test' })).toBeUndefined();
  });

  it('refuses an unknown role and a short password', async () => {
    const db = freshDb();
    await expect(
      createUser(db, { email: 'x@example.test', role: 'boss' as never, password: PASSWORD }),
    ).rejects.toThrow(/Role must be one of/);
    await expect(
      createUser(db, { email: 'x@example.test', role: 'admin', password: 'short' }),
    ).rejects.toThrow(/at least 12/);
  });

  it('records the creation and each sign-in in the audit trail', async () => {
    const db = freshDb();
    await createUser(db, {
      email: 'a@example.test',
      role: 'claimant',
      accountId: 'acct-1',
      password: PASSWORD,
    });
    expect(await authenticate(db, { email: 'a@example.test', password: PASSWORD })).toMatchObject({
      outcome: 'accepted',
      user: { role: 'claimant' },
    });
    expect(await authenticate(db, { email: 'a@example.test', password: 'nope nope nope' })).toEqual(
      {
        outcome: 'refused',
      },
    );
    expect(await authenticate(db, { email: 'ghost@example.test', password: PASSWORD })).toEqual({
      outcome: 'refused',
    });
    const actions = db.$client.prepare('SELECT action FROM audit_events ORDER BY id').pluck().all();
    expect(actions).toEqual([
      'user.create',
      'auth.sign_in',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
    ]);
  });

  it('refuses a lookalike email or account id rather than storing it, writing nothing', async () => {
    const db = freshDb();
    const users = () => db.$client.prepare('SELECT count(*) FROM users').pluck().get();
    const audits = () => db.$client.prepare('SELECT count(*) FROM audit_events').pluck().get();
    const before = { users: users(), audits: audits() };
    for (const [input, field, code] of [
      // The Kelvin sign lower-cases to an ASCII "k": it must not become kate@example.test.
      [{ email: '\u212Aate@example.test', role: 'admin' }, 'email', 'U+212A'],
      [{ email: '\u0430lice@example.test', role: 'admin' }, 'email', 'U+0430'],
      [{ email: 'alice@example\uFF0Etest', role: 'admin' }, 'email', 'U+FF0E'],
      [{ email: 'alice\u200B@example.test', role: 'admin' }, 'email', 'U+200B'],
      [
        { email: 'c@example.test', role: 'claimant', accountId: 'acct-\u0430' },
        'accountId',
        'U+0430',
      ],
      [{ email: 'c@example.test', role: 'claimant', accountId: 'acct a' }, 'accountId', 'U+0020'],
    ] as const) {
      const error = await createUser(db, { ...input, password: PASSWORD }).catch((e) => e);
      expect(error.fieldErrors).toEqual({
        [field]: expect.stringContaining(`(${code}) is not one of them`),
      });
    }
    expect({ users: users(), audits: audits() }).toEqual(before);
    expect(findUserByEmail(db, { email: 'kate@example.test' })).toBeUndefined();
  });
});

describe('one claimant login per account', () => {
  const SQL = `INSERT INTO users (email, password_hash, role, account_id, created_at)
               VALUES (?, NULL, ?, ?, '2025-01-01T00:00:00Z')`;

  it('refuses a second claimant login for the same account, with a clear message', async () => {
    const db = freshDb();
    await createUser(db, {
      email: 'one@example.test',
      role: 'claimant',
      accountId: 'acct-1',
      password: PASSWORD,
    });
    await expect(
      createUser(db, {
        email: 'two@example.test',
        role: 'claimant',
        accountId: 'acct-1',
        password: PASSWORD,
      }),
    ).rejects.toThrow('Account acct-1 already has a claimant login (one@example.test)');
    expect(findUserByEmail(db, { email: 'two@example.test' })).toBeUndefined();
  });

  it('is enforced by the database itself, whatever path writes the login', () => {
    const db = freshDb();
    db.$client.prepare(SQL).run('one@example.test', 'claimant', 'acct-1');
    expect(() => db.$client.prepare(SQL).run('two@example.test', 'claimant', 'acct-1')).toThrow(
      /UNIQUE constraint failed: users\.account_id/,
    );
    // Staff logins carry no account; other accounts are free.
    db.$client.prepare(SQL).run('f1@example.test', 'finance', null);
    db.$client.prepare(SQL).run('f2@example.test', 'finance', null);
    db.$client.prepare(SQL).run('three@example.test', 'claimant', 'acct-2');
  });
});

describe('the authenticator key of a staff login', () => {
  it('cannot be set through the admin form: its schema drops a key sent anyway', () => {
    const parsed = createLoginSchema.parse({
      email: 'staff@example.test',
      role: 'finance',
      password: 'long enough password',
      totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    });
    expect(parsed).not.toHaveProperty('totpSecret');
  });

  it('is provisioned by the command line on the record, without the key itself', async () => {
    const db = freshDb();
    const secret = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
    await createUser(db, {
      email: 'cli@example.test',
      role: 'admin',
      password: 'long enough password',
      totpSecret: secret,
    });
    const detail = db.$client
      .prepare("SELECT detail FROM audit_events WHERE action = 'user.create'")
      .pluck()
      .get() as string;
    expect(readAuditDetail('user.create', detail)).toMatchObject({
      fits: true,
      detail: { totpProvisioned: true },
    });
    expect(detail).not.toContain(secret);
  });
});
