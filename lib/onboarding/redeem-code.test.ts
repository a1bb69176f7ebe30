import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE } from '@/lib/secrets/outside-key';
import { authenticate } from '@/lib/auth/authenticate';
import { findSessionUser, startLoginSession } from '@/lib/auth/login-sessions';
import { createUser } from '@/lib/users/create-user';
import { inviteAccounts } from './invite-accounts';
import {
  auditActions,
  CLI_ACTOR,
  currentCode,
  freshThrottles,
  onboardingDb,
} from './onboarding-fixture';
import { checkCode, redeemCode } from './redeem-code';
import { requestCode } from './request-code';

const PASSWORD = 'tangerine orbit lantern';

async function invited() {
  const db = await onboardingDb();
  inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-a' });
  return { db, sqlite: db.$client, code: currentCode(db.$client, 'a@example.test') };
}

describe('activating with a code', () => {
  it('creates the claimant login of the account, which can then sign in', async () => {
    const { db, sqlite, code } = await invited();
    const throttles = freshThrottles();
    const attempt = { email: 'A@Example.test ', code: code.toLowerCase(), address: '10.0.0.1' };
    expect(checkCode(sqlite, attempt, { throttles })).toEqual({
      outcome: 'valid',
      purpose: 'invite',
      email: 'a@example.test',
    });
    const result = await redeemCode(sqlite, { ...attempt, password: PASSWORD }, { throttles });
    expect(result).toMatchObject({
      outcome: 'activated',
      email: 'a@example.test',
      accountId: 'acct-a',
    });
    expect(await authenticate(db, { email: 'a@example.test', password: PASSWORD })).toMatchObject({
      outcome: 'accepted',
      user: { role: 'claimant', accountId: 'acct-a' },
    });
    expect(auditActions(sqlite, 'onboarding.')).toEqual([
      'onboarding.invited',
      'onboarding.activated',
    ]);
  });

  it('refuses a used code, an expired code and a wrong code with the same answer', async () => {
    const { sqlite, code } = await invited();
    const throttles = freshThrottles();
    const attempt = { email: 'a@example.test', code, password: PASSWORD };
    await redeemCode(sqlite, attempt, { throttles });
    expect(await redeemCode(sqlite, attempt, { throttles })).toEqual({ outcome: 'invalid' });

    inviteAccounts(sqlite, { actor: CLI_ACTOR, accountId: 'acct-b' });
    const late = new Date(Date.now() + 15 * 24 * 60 * 60_000);
    const bCode = currentCode(sqlite, 'b@example.test');
    expect(
      await redeemCode(
        sqlite,
        { email: 'b@example.test', code: bCode, password: PASSWORD },
        { throttles, now: late },
      ),
    ).toEqual({ outcome: 'invalid' });
    expect(
      checkCode(sqlite, { email: 'b@example.test', code: 'AAAAA-AAAAA' }, { throttles }),
    ).toEqual({
      outcome: 'invalid',
    });
    const reasons = sqlite
      .prepare(
        "SELECT json_extract(detail, '$.reason') FROM audit_events WHERE action = 'onboarding.code_refused'",
      )
      .pluck()
      .all();
    expect(reasons).toEqual(['no_code', 'expired', 'wrong_code']);
  });

  it('slows down repeated wrong codes for the address, even with the right code', async () => {
    const { sqlite, code } = await invited();
    const throttles = freshThrottles();
    for (let i = 0; i < 5; i += 1) {
      expect(
        checkCode(sqlite, { email: 'a@example.test', code: 'AAAAA-AAAAA' }, { throttles }).outcome,
      ).toBe('invalid');
    }
    expect(checkCode(sqlite, { email: 'a@example.test', code }, { throttles })).toEqual({
      outcome: 'throttled',
      retryAfterSeconds: 5,
    });
  });

  it('keeps the code when the password is refused', async () => {
    const { sqlite, code } = await invited();
    const throttles = freshThrottles();
    const weak = await redeemCode(
      sqlite,
      { email: 'a@example.test', code, password: 'Password2024!' },
      { throttles },
    );
    expect(weak).toMatchObject({ outcome: 'weak_password' });
    const ok = await redeemCode(
      sqlite,
      { email: 'a@example.test', code, password: PASSWORD },
      { throttles },
    );
    expect(ok.outcome).toBe('activated');
  });

  it('lets only one of two simultaneous uses of a code win', async () => {
    const { sqlite, code } = await invited();
    const throttles = freshThrottles();
    const attempt = { email: 'a@example.test', code, password: PASSWORD };
    const outcomes = await Promise.all([
      redeemCode(sqlite, attempt, { throttles }),
      redeemCode(sqlite, { ...attempt, password: 'another fine passphrase' }, { throttles }),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['activated', 'invalid']);
    expect(sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
  });
});

describe('asking for a new code (Forgot password?)', () => {
  it('sends a claimant login a reset code that sets a new password', async () => {
    const { db, sqlite, code } = await invited();
    const throttles = freshThrottles();
    const activated = await redeemCode(
      sqlite,
      { email: 'a@example.test', code, password: PASSWORD },
      { throttles },
    );
    const userId = (activated as { userId: number }).userId;
    // A session opened with the old password, perhaps by whoever made the claimant reset it.
    const oldSession = startLoginSession(db, { userId, maxAgeSeconds: 3600 });
    expect(requestCode(sqlite, { email: 'a@example.test' }, { throttles })).toMatchObject({
      outcome: 'queued',
    });
    const reset = currentCode(sqlite, 'a@example.test');
    const result = await redeemCode(
      sqlite,
      { email: 'a@example.test', code: reset, password: 'another fine passphrase' },
      { throttles },
    );
    expect(result.outcome).toBe('reset');
    expect(findSessionUser(db, { sessionId: oldSession })).toBeNull();
    expect(
      await authenticate(db, { email: 'a@example.test', password: 'another fine passphrase' }),
    ).toMatchObject({
      outcome: 'accepted',
    });
    expect(auditActions(sqlite, 'onboarding.')).toEqual([
      'onboarding.invited',
      'onboarding.activated',
      'onboarding.reset_requested',
      'onboarding.password_reset',
    ]);
  });

  it('re-issues the activation code of an account never activated, killing the old one', async () => {
    const { sqlite, code } = await invited();
    const throttles = freshThrottles();
    expect(requestCode(sqlite, { email: 'a@example.test' }, { throttles }).outcome).toBe('queued');
    expect(checkCode(sqlite, { email: 'a@example.test', code }, { throttles }).outcome).toBe(
      'invalid',
    );
    const fresh = currentCode(sqlite, 'a@example.test');
    expect(
      checkCode(sqlite, { email: 'a@example.test', code: fresh }, { throttles }),
    ).toMatchObject({
      outcome: 'valid',
      purpose: 'invite',
    });
  });

  it('sends nothing to an unknown address or a staff login, and throttles repeats', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    const throttles = freshThrottles();
    await createUser(db, { email: 'ops@example.test', role: 'admin', password: PASSWORD });
    expect(requestCode(sqlite, { email: 'nobody@example.test' }, { throttles })).toEqual({
      outcome: 'ignored',
    });
    expect(requestCode(sqlite, { email: 'ops@example.test' }, { throttles })).toEqual({
      outcome: 'ignored',
    });
    expect(requestCode(sqlite, { email: 'ops@example.test' }, { throttles })).toEqual({
      outcome: 'throttled',
      retryAfterSeconds: 60,
    });
    expect(sqlite.prepare('SELECT count(*) FROM outbox_messages').pluck().get()).toBe(0);
  });
});

describe('a stolen copy of the database', () => {
  it('holds no code that redeems: the stored hash is keyed outside the database', async () => {
    const { sqlite, code } = await invited();
    const stored = sqlite
      .prepare("SELECT code_hash FROM activation_codes WHERE email = 'a@example.test'")
      .pluck()
      .get() as string;
    // Nothing the database holds (such as a pepper in its settings) reproduces the stored hash.
    for (const value of sqlite.prepare('SELECT value FROM settings').pluck().all() as string[]) {
      for (const key of [Buffer.from(value, 'hex'), Buffer.from(value, 'utf8')]) {
        expect(createHmac('sha256', key).update(code).digest('base64url')).not.toBe(stored);
      }
    }
    // Served with another outside key (the copy on an attacker's machine), the code is refused.
    writeFileSync(join(dirname(sqlite.name), KEY_FILE), 'f'.repeat(64));
    const attempt = { email: 'a@example.test', code, password: PASSWORD };
    expect(await redeemCode(sqlite, attempt, { throttles: freshThrottles() })).toEqual({
      outcome: 'invalid',
    });
  });

  it('the same code redeems with the key it was issued under', async () => {
    const { sqlite, code } = await invited();
    const attempt = { email: 'a@example.test', code, password: PASSWORD };
    expect(await redeemCode(sqlite, attempt, { throttles: freshThrottles() })).toMatchObject({
      outcome: 'activated',
    });
  });

  it('names an address no code was sent to only by its keyed digest', async () => {
    const { sqlite } = await invited();
    // The server's own throttles, kept in the database.
    requestCode(sqlite, { email: 'Typed.Stranger@example.test' });
    checkCode(sqlite, { email: 'typed.stranger@example.test', code: 'ABCDE-FGHJK' });
    expect(sqlite.prepare('SELECT count(*) FROM throttles').pluck().get()).toBeGreaterThan(0);
    const actors = sqlite
      .prepare("SELECT actor_email FROM audit_events WHERE action LIKE 'onboarding.code_%'")
      .pluck()
      .all() as string[];
    expect(actors).toHaveLength(2);
    for (const actor of actors) expect(actor).toMatch(/^hmac:[A-Za-z0-9_-]{43}$/);
    const everything = JSON.stringify([
      sqlite.prepare('SELECT * FROM audit_events').all(),
      sqlite.prepare('SELECT * FROM throttles').all(),
    ]).toLowerCase();
    expect(everything).not.toContain('stranger');
  });
});
