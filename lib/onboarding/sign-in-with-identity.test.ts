import { describe, expect, it } from 'vitest';
import { createUser } from '@/lib/users/create-user';
import { auditActions, onboardingDb } from './onboarding-fixture';
import { signInWithIdentity } from './sign-in-with-identity';

const logins = (sqlite: import('better-sqlite3').Database) =>
  sqlite
    .prepare('SELECT email, account_id AS accountId, password_hash AS passwordHash FROM users')
    .all();

describe('signing in with the exchange’s identity provider', () => {
  it('matches the subject to the snapshot account and creates its login without a password', async () => {
    const { $client: sqlite } = await onboardingDb();
    const result = signInWithIdentity(sqlite, { sub: 'acct-c', email: 'other@example.test' });
    expect(result).toMatchObject({
      outcome: 'signed_in',
      user: { email: 'carol.mixed@example.test', accountId: 'acct-c' },
    });
    expect(logins(sqlite)).toEqual([
      { email: 'carol.mixed@example.test', accountId: 'acct-c', passwordHash: null },
    ]);
    const again = signInWithIdentity(sqlite, { sub: 'acct-c' });
    expect(again).toEqual(result);
    expect(logins(sqlite)).toHaveLength(1);
    expect(auditActions(sqlite, 'auth.oidc')).toEqual(['auth.oidc_sign_in', 'auth.oidc_sign_in']);
  });

  it('matches a verified email, whatever its case', async () => {
    const { $client: sqlite } = await onboardingDb();
    expect(
      signInWithIdentity(sqlite, {
        sub: 'x-1',
        email: 'carol.mixed@example.test',
        emailVerified: true,
      }),
    ).toMatchObject({ outcome: 'signed_in', user: { accountId: 'acct-c' } });
  });

  it('creates nothing for an unverified email or an unknown identity', async () => {
    const { $client: sqlite } = await onboardingDb();
    expect(
      signInWithIdentity(sqlite, { sub: 'x-1', email: 'a@example.test', emailVerified: false }),
    ).toEqual({
      outcome: 'unmatched',
    });
    expect(
      signInWithIdentity(sqlite, {
        sub: 'x-2',
        email: 'stranger@example.test',
        emailVerified: true,
      }),
    ).toEqual({ outcome: 'unmatched' });
    expect(logins(sqlite)).toEqual([]);
    expect(auditActions(sqlite, 'auth.oidc')).toEqual([
      'auth.oidc_unmatched',
      'auth.oidc_unmatched',
    ]);
  });

  it('signs in as the login already bound to the account, and refuses a disabled one', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    const { id } = await createUser(db, {
      email: 'ada@elsewhere.test',
      role: 'claimant',
      accountId: 'acct-a',
      password: 'tangerine orbit lantern',
    });
    expect(signInWithIdentity(sqlite, { sub: 'acct-a' })).toMatchObject({
      outcome: 'signed_in',
      user: { id, email: 'ada@elsewhere.test' },
    });
    sqlite
      .prepare('UPDATE users SET disabled_at = ? WHERE id = ?')
      .run(new Date().toISOString(), id);
    expect(signInWithIdentity(sqlite, { sub: 'acct-a' })).toEqual({ outcome: 'refused' });
  });
});
