import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from '@/lib/users/create-user';
import { authenticate } from './authenticate';
import { EMAIL_POLICY } from './throttle';
import { currentTotp, totpForStep } from './totp';

const PASSWORD = 'correct horse battery';

describe('signing in', () => {
  it('slows down an email after repeated failures, even for the right password', async () => {
    const db = tempDb();
    await createUser(db, { email: 'target@example.test', role: 'finance', password: PASSWORD });
    for (let i = 0; i < 5; i += 1) {
      const attempt = await authenticate(db, {
        email: 'target@example.test',
        password: `guess ${i}`,
        address: `10.0.0.${i}`,
      });
      expect(attempt.outcome).toBe('refused');
    }
    const blocked = await authenticate(db, {
      email: 'Target@example.test',
      password: PASSWORD,
      address: '10.0.1.1',
    });
    expect(blocked).toEqual({ outcome: 'throttled', retryAfterSeconds: 1 });
    const actions = db.$client
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in_throttled'")
      .pluck()
      .get();
    expect(actions).toBe(1);
  });

  it('slows down one source address spraying many emails, not the others', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'someone@example.test',
      role: 'claimant',
      accountId: 'acct-1',
      password: PASSWORD,
    });
    for (let i = 0; i < 30; i += 1) {
      await authenticate(db, {
        email: `user${i}@example.test`,
        password: 'guess',
        address: '192.0.2.7',
      });
    }
    expect(
      (
        await authenticate(db, {
          email: 'someone@example.test',
          password: PASSWORD,
          address: '192.0.2.7',
        })
      ).outcome,
    ).toBe('throttled');
    expect(
      (
        await authenticate(db, {
          email: 'someone@example.test',
          password: PASSWORD,
          address: '192.0.2.8',
        })
      ).outcome,
    ).toBe('accepted');
  });

  it('refuses a lookalike of an address, even one that lower-cases to it', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'kate@example.test',
      role: 'claimant',
      accountId: 'acct-k',
      password: PASSWORD,
    });
    // The Kelvin sign (U+212A) lower-cases to an ASCII "k"; a Cyrillic "а" to nothing ASCII.
    for (const email of ['\u212Aate@example.test', 'k\u0430te@example.test']) {
      expect(
        await authenticate(db, { email, password: PASSWORD, address: '198.51.100.1' }),
      ).toEqual({ outcome: 'refused' });
    }
    expect(
      (await authenticate(db, { email: 'Kate@example.test', password: PASSWORD })).outcome,
    ).toBe('accepted');
  });

  it('refuses a disabled login with the same answer as a wrong password', async () => {
    const db = tempDb();
    await createUser(db, { email: 'gone@example.test', role: 'admin', password: PASSWORD });
    db.$client
      .prepare(
        "UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE email = 'gone@example.test'",
      )
      .run();
    expect(
      await authenticate(db, {
        email: 'gone@example.test',
        password: PASSWORD,
        address: '198.51.100.1',
      }),
    ).toEqual({
      outcome: 'refused',
    });
  });
});

describe('staff second factor', () => {
  const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

  it('asks staff for their code, refuses a wrong one and accepts the right one', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'fin@example.test',
      role: 'finance',
      password: PASSWORD,
      totpSecret: SECRET,
    });
    const base = { email: 'fin@example.test', password: PASSWORD, address: '203.0.113.1' };
    expect(await authenticate(db, base)).toEqual({ outcome: 'code_required' });
    const right = currentTotp(SECRET);
    const wrong = right === '000000' ? '111111' : '000000';
    expect(await authenticate(db, { ...base, code: wrong })).toEqual({ outcome: 'refused' });
    expect(await authenticate(db, { ...base, code: right })).toMatchObject({ outcome: 'accepted' });
  });

  it('accepts each code once: a replayed or older code is refused, the next step is not', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'fin2@example.test',
      role: 'finance',
      password: PASSWORD,
      totpSecret: SECRET,
    });
    const base = { email: 'fin2@example.test', password: PASSWORD, address: '203.0.113.9' };
    const step = Math.floor(Date.now() / 30_000);
    const code = (s: number) => totpForStep(SECRET, s);
    expect(await authenticate(db, { ...base, code: code(step) })).toMatchObject({
      outcome: 'accepted',
    });
    expect(await authenticate(db, { ...base, code: code(step) })).toEqual({ outcome: 'refused' });
    expect(await authenticate(db, { ...base, code: code(step - 1) })).toEqual({
      outcome: 'refused',
    });
    expect(await authenticate(db, { ...base, code: code(step + 1) })).toMatchObject({
      outcome: 'accepted',
    });
    const refusals = db.$client
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in_failed'")
      .pluck()
      .get();
    expect(refusals).toBe(2);
  });

  it('does not ask for a code after a wrong password', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'adm@example.test',
      role: 'admin',
      password: PASSWORD,
      totpSecret: SECRET,
    });
    expect(
      await authenticate(db, {
        email: 'adm@example.test',
        password: 'wrong password!',
        address: '203.0.113.2',
      }),
    ).toEqual({
      outcome: 'refused',
    });
  });

  it('enrols a staff login without a key once a code for the offered key is given', async () => {
    const db = tempDb();
    await createUser(db, { email: 'new@example.test', role: 'admin', password: PASSWORD });
    const base = { email: 'new@example.test', password: PASSWORD, address: '203.0.113.3' };
    const offer = await authenticate(db, base);
    expect(offer.outcome).toBe('enrol_required');
    const secret = (offer as { secret: string }).secret;
    // Every offer until the enrolment is the same key, kept on the server.
    expect(await authenticate(db, base)).toEqual({ outcome: 'enrol_required', secret });
    expect(await authenticate(db, { ...base, code: '12345' })).toEqual({ outcome: 'refused' });
    const code = currentTotp(secret);
    expect(await authenticate(db, { ...base, code })).toMatchObject({ outcome: 'accepted' });
    expect(await authenticate(db, base)).toEqual({ outcome: 'code_required' });
    // The code that proved the enrolment is spent.
    expect(await authenticate(db, { ...base, code })).toEqual({ outcome: 'refused' });
  });

  it('never asks a claimant for a code', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'c@example.test',
      role: 'claimant',
      accountId: 'acct-1',
      password: PASSWORD,
    });
    expect(
      await authenticate(db, {
        email: 'c@example.test',
        password: PASSWORD,
        address: '203.0.113.4',
      }),
    ).toMatchObject({
      outcome: 'accepted',
    });
  });
});

/** How many sign-ins got as far as the password check (every one of them leaves an audit row). */
const passwordChecks = (db: Db) =>
  db.$client
    .prepare(
      "SELECT count(*) FROM audit_events WHERE action IN ('auth.sign_in', 'auth.sign_in_failed')",
    )
    .pluck()
    .get() as number;

describe('a burst of parallel sign-ins', () => {
  const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

  it('is throttled like the same attempts made one by one', async () => {
    const db = tempDb();
    await createUser(db, {
      email: 'burst@example.test',
      role: 'finance',
      password: PASSWORD,
      totpSecret: SECRET,
    });
    const right = currentTotp(SECRET);
    const wrong = right === '000000' ? '111111' : '000000';
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authenticate(db, {
          email: 'burst@example.test',
          password: PASSWORD,
          code: wrong,
          address: `10.9.${i}.1`,
        }),
      ),
    );
    const refused = outcomes.filter((o) => o.outcome === 'refused').length;
    expect(refused).toBe(EMAIL_POLICY.freeAttempts);
    expect(outcomes.filter((o) => o.outcome === 'throttled')).toHaveLength(40 - refused);
    expect(passwordChecks(db)).toBe(EMAIL_POLICY.freeAttempts);
    // Still locked: the right code is refused too, before the password is looked at.
    expect(
      await authenticate(db, { email: 'burst@example.test', password: PASSWORD, code: right }),
    ).toMatchObject({ outcome: 'throttled' });
  });
});

/** A hash in the format of password.ts, made with weaker parameters than today's. */
function hashWithN(password: string, N: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N, r: 8, p: 1, maxmem: 2 ** 28 });
  return ['scrypt', N, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password hashes with older parameters', () => {
  async function olderLogin() {
    const db = tempDb();
    const { id } = await createUser(db, {
      email: 'old@example.test',
      role: 'claimant',
      accountId: 'acct-old',
      password: PASSWORD,
    });
    const setHash = db.$client.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    setHash.run(hashWithN(PASSWORD, 2 ** 15), id);
    const storedN = () =>
      Number(
        (
          db.$client
            .prepare('SELECT password_hash FROM users WHERE id = ?')
            .pluck()
            .get(id) as string
        ).split('$')[1],
      );
    return { db, storedN };
  }

  it('are made at N=2^17 today', async () => {
    const { db } = await olderLogin();
    await createUser(db, { email: 'new@example.test', role: 'admin', password: PASSWORD });
    const hash = db.$client
      .prepare("SELECT password_hash FROM users WHERE email = 'new@example.test'")
      .pluck()
      .get() as string;
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
  });

  it('are upgraded to N=2^17 at the next successful sign-in', async () => {
    const { db, storedN } = await olderLogin();
    expect(storedN()).toBe(2 ** 15);
    const base = { email: 'old@example.test', address: '198.51.100.30' };
    expect(await authenticate(db, { ...base, password: PASSWORD })).toMatchObject({
      outcome: 'accepted',
    });
    expect(storedN()).toBe(2 ** 17);
    // The new hash is good for the same password.
    expect(await authenticate(db, { ...base, password: PASSWORD })).toMatchObject({
      outcome: 'accepted',
    });
  });

  it('are not touched by a wrong password', async () => {
    const { db, storedN } = await olderLogin();
    expect(
      await authenticate(db, { email: 'old@example.test', password: 'not the password' }),
    ).toEqual({ outcome: 'refused' });
    expect(storedN()).toBe(2 ** 15);
  });
});

describe('an email no login has', () => {
  it('is kept in the audit trail and the throttle only as a keyed digest', async () => {
    const db = tempDb();
    const typed = 'Nobody.Here@Example.test';
    for (let i = 0; i < 6; i += 1) {
      await authenticate(db, { email: typed, password: 'some guess', address: '198.51.100.40' });
    }
    const rows = db.$client
      .prepare('SELECT action, actor_email AS actorEmail, detail FROM audit_events')
      .all() as { action: string; actorEmail: string; detail: string }[];
    expect(rows.map((r) => r.action)).toContain('auth.sign_in_throttled');
    const everything = JSON.stringify([
      rows,
      db.$client.prepare('SELECT * FROM throttles').all(),
    ]).toLowerCase();
    expect(everything).not.toContain('nobody');
    const [digest] = new Set(rows.map((r) => r.actorEmail));
    expect(digest).toMatch(/^hmac:[A-Za-z0-9_-]{43}$/);
    // The same address gives the same digest, so repeats can still be told apart from others.
    expect(new Set(rows.map((r) => r.actorEmail)).size).toBe(1);
  });

  it('is keyed outside the database: a plain hash of it is not what is stored', async () => {
    const db = tempDb();
    await authenticate(db, { email: 'ghost@example.test', password: 'some guess' });
    const stored = db.$client.prepare('SELECT actor_email FROM audit_events').pluck().get();
    const { createHash } = await import('node:crypto');
    const plain = createHash('sha256').update('ghost@example.test').digest('base64url');
    expect(stored).not.toBe(`hmac:${plain}`);
    expect(stored).not.toBe('ghost@example.test');
  });

  it('leaves a known login named by its address', async () => {
    const db = tempDb();
    await createUser(db, { email: 'known@example.test', role: 'admin', password: PASSWORD });
    await authenticate(db, { email: 'known@example.test', password: 'wrong password!' });
    expect(
      db.$client
        .prepare('SELECT actor_email FROM audit_events WHERE action = ?')
        .pluck()
        .get('auth.sign_in_failed'),
    ).toBe('known@example.test');
  });
});
