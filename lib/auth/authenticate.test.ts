import { describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { createUser } from '@/lib/users/create-user';
import { authenticate } from './authenticate';

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
    await createUser(db, { email: 'someone@example.test', role: 'admin', password: PASSWORD });
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
