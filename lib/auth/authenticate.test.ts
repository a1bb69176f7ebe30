import { describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from '@/lib/users/create-user';
import { authenticate } from './authenticate';
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
    expect(await authenticate(db, { ...base, enrolSecret: secret, code: '12345' })).toEqual({
      outcome: 'refused',
    });
    const code = currentTotp(secret);
    expect(await authenticate(db, { ...base, enrolSecret: secret, code })).toMatchObject({
      outcome: 'accepted',
    });
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
