import { describe, expect, it } from 'vitest';
import { createUser } from '@/lib/users/create-user';
import { inviteAccounts } from './invite-accounts';
import { ACCOUNTS, auditActions, CLI_ACTOR, currentCode, onboardingDb } from './onboarding-fixture';

const count = (sqlite: import('better-sqlite3').Database, sql: string) =>
  sqlite.prepare(sql).pluck().get() as number;

describe('inviting snapshot accounts', () => {
  it('queues one code and one email for every account without a login', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    await createUser(db, {
      email: 'someone@example.test',
      role: 'claimant',
      accountId: 'acct-d',
      password: 'tangerine orbit lantern',
    });
    const progress: number[] = [];
    const result = inviteAccounts(sqlite, {
      actor: CLI_ACTOR,
      batchSize: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toEqual({ invited: 3, skipped: 1 });
    expect(progress).toEqual([0, 2, 3]);
    const messages = sqlite
      .prepare(
        `SELECT m.to_address AS toAddress, c.email, c.account_id AS accountId, c.purpose, m.status
         FROM outbox_messages m JOIN activation_codes c ON c.id = m.code_id ORDER BY c.account_id`,
      )
      .all();
    expect(messages).toEqual([
      {
        toAddress: 'a@example.test',
        email: 'a@example.test',
        accountId: 'acct-a',
        purpose: 'invite',
        status: 'queued',
      },
      {
        toAddress: 'b@example.test',
        email: 'b@example.test',
        accountId: 'acct-b',
        purpose: 'invite',
        status: 'queued',
      },
      {
        toAddress: 'Carol.Mixed@Example.test',
        email: 'carol.mixed@example.test',
        accountId: 'acct-c',
        purpose: 'invite',
        status: 'queued',
      },
    ]);
    expect(auditActions(sqlite, 'onboarding.')).toEqual(Array(3).fill('onboarding.invited'));
  });

  it('keeps no code anywhere in the database, only a keyed hash', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    inviteAccounts(sqlite, { actor: CLI_ACTOR });
    const code = currentCode(sqlite, 'a@example.test');
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const rows = JSON.stringify(sqlite.prepare(`SELECT * FROM "${table}"`).all());
      expect(rows).not.toContain(code);
    }
  });

  it('does nothing twice when run again, and re-issues only when asked', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    inviteAccounts(sqlite, { actor: CLI_ACTOR });
    const first = currentCode(sqlite, 'a@example.test');
    expect(inviteAccounts(sqlite, { actor: CLI_ACTOR })).toEqual({ invited: 0, skipped: 4 });
    expect(count(sqlite, 'SELECT count(*) FROM outbox_messages')).toBe(4);

    expect(
      inviteAccounts(sqlite, { actor: CLI_ACTOR, accountId: 'acct-a', reissue: true }),
    ).toEqual({
      invited: 1,
      skipped: 0,
    });
    expect(currentCode(sqlite, 'a@example.test')).not.toBe(first);
    const old = sqlite
      .prepare(
        `SELECT c.revoked_at IS NOT NULL AS revoked, m.status FROM activation_codes c
         JOIN outbox_messages m ON m.code_id = c.id WHERE c.email = ? ORDER BY c.id`,
      )
      .all('a@example.test');
    expect(old).toEqual([
      { revoked: 1, status: 'cancelled' },
      { revoked: 0, status: 'queued' },
    ]);
  });

  it('invites again once a code has expired', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    inviteAccounts(sqlite, { actor: CLI_ACTOR, now: new Date('2026-01-01T00:00:00Z') });
    const later = new Date('2026-01-16T00:00:00Z');
    expect(inviteAccounts(sqlite, { actor: CLI_ACTOR, now: later }).invited).toBe(4);
    expect(count(sqlite, 'SELECT count(*) FROM activation_codes WHERE revoked_at IS NULL')).toBe(4);
  });

  it('refuses an account that is not in the snapshot, and skips one with a login', async () => {
    const db = await onboardingDb();
    await createUser(db, {
      email: ACCOUNTS[1].email,
      role: 'claimant',
      accountId: ACCOUNTS[1].id,
      password: 'tangerine orbit lantern',
    });
    expect(() => inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-zz' })).toThrow(
      /No snapshot account acct-zz/,
    );
    expect(inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-b' })).toEqual({
      invited: 0,
      skipped: 1,
    });
    expect(count(db.$client, 'SELECT count(*) FROM outbox_messages')).toBe(0);
  });
});
