import 'server-only';
import { getDb } from '@/db/client';
import { publicAction } from '@/lib/onboarding/public-action';
import { authenticate } from './authenticate';
import { enrolmentKeySchema, signInErrorMessage, THROTTLED_ERROR } from './login-schema';

/**
 * The authenticator key a staff login without one must add to its app, handed over in the
 * response body of a POST, never in a URL. It takes the password again (throttled like any
 * sign-in), so it reveals the key only to whoever could sign in.
 */
export const enrolmentKeyStep = publicAction(enrolmentKeySchema, async (input, address) => {
  const result = await authenticate(getDb(), { ...input, address });
  if (result.outcome === 'enrol_required') return { ok: true, data: { secret: result.secret } };
  const code =
    result.outcome === 'throttled' ? `${THROTTLED_ERROR}:${result.retryAfterSeconds}` : null;
  return { ok: false, error: signInErrorMessage(code) };
});
