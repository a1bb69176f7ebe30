import { expect, test } from '@playwright/test';
import { EMAIL_POLICY } from '@/lib/auth/throttle';
import { totpForStep } from '@/lib/auth/totp';
import { query } from '../finance/finance-db';
import { fetchCsrf, postCredentials } from '../support/credentials';
import { unusedTotp } from '../support/login-page';
import { BURST_STAFF, PASSWORD } from '../support/logins';

const BURST = 300;
// One source address of its own, so that the burst slows no other journey's sign-ins.
const ADDRESS = '203.0.113.77';

/** The error next-auth's redirect names (null: signed in), from the Location it answers with. */
const signInError = (response: Response) => {
  const location = response.headers.get('location') ?? '';
  return new URL(location, 'http://x').searchParams.get('error');
};

/**
 * The most attempts the throttle lets through in `elapsedMs` from a clean start: the free ones,
 * then one more each time a doubling wait (1 s, 2 s, 4 s…) has run out. Any longer burst than a
 * second lets a sixth and a seventh through, as the same attempts one after another would.
 */
const throttleLimit = (elapsedMs: number) =>
  EMAIL_POLICY.freeAttempts + Math.floor(Math.log2(elapsedMs / EMAIL_POLICY.baseDelayMs + 1));

/** How many sign-ins of the login got as far as the password check (each leaves one row). */
const passwordChecks = () =>
  query<{ n: number }>(
    `SELECT count(*) AS n FROM audit_events
      WHERE actor_email = ? AND action IN ('auth.sign_in', 'auth.sign_in_failed')`,
    BURST_STAFF.email,
  )[0]!.n;

test('300 parallel sign-ins with the right password and wrong codes are throttled like 300 in a row', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  // One token for the whole burst: 300 posts, not 300 token fetches on top of them.
  const csrf = await fetchCsrf(origin);
  const post = (code: string) =>
    postCredentials(
      origin,
      { email: BURST_STAFF.email, password: PASSWORD, code },
      { 'X-Forwarded-For': ADDRESS },
      csrf,
    );

  const right = await unusedTotp(BURST_STAFF.email, BURST_STAFF.totpSecret);
  const step = Math.floor(Date.now() / 30_000);
  const valid = new Set([-1, 0, 1, 2].map((d) => totpForStep(BURST_STAFF.totpSecret, step + d)));
  const wrong = ['000000', '111111', '222222', '333333', '444444'].find((c) => !valid.has(c))!;
  const before = passwordChecks();

  // The right code, sent the moment the last wrong code the throttle let through was refused:
  // the login is locked then, and must stay locked for the right code too.
  let refused = 0;
  let rightCode: Promise<Response> | undefined;
  const startedAt = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: BURST }, async () => {
      const error = signInError(await post(wrong));
      if (error === 'CredentialsSignin' && ++refused === EMAIL_POLICY.freeAttempts) {
        rightCode = post(right);
      }
      return error;
    }),
  );

  const elapsedMs = Date.now() - startedAt;
  const checked = passwordChecks() - before;
  expect(checked).toBeGreaterThanOrEqual(EMAIL_POLICY.freeAttempts);
  expect(checked, `${BURST} attempts in ${elapsedMs} ms`).toBeLessThanOrEqual(
    throttleLimit(elapsedMs),
  );
  expect(outcomes.filter((e) => e === 'CredentialsSignin').length).toBe(checked);
  expect(outcomes.filter((e) => e?.startsWith('throttled:')).length).toBe(BURST - checked);

  expect(rightCode, 'as many wrong codes as the throttle lets through were refused').toBeDefined();
  const locked = await rightCode!;
  expect(signInError(locked)).toMatch(/^throttled:\d+$/);
  expect(locked.headers.getSetCookie().some((c) => c.includes('session-token='))).toBe(false);
  expect(passwordChecks() - before).toBe(checked);
  expect(
    query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE actor_email = ? AND action = 'auth.sign_in'",
      BURST_STAFF.email,
    )[0]!.n,
  ).toBe(0);
});
