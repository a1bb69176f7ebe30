import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { checkCode, redeemCode } from './redeem-code';
import { requestCode } from './request-code';
import { deliverMessage } from './deliver-outbox';
import { configuredTransport } from './mail-transport';
import { CODE_SENT, INVALID_CODE, throttledMessage } from './messages';
import { portalUrl } from './portal';
import { publicAction } from './public-action';
import { codeStepSchema, passwordStepSchema, requestCodeSchema } from './schemas';
import type { CodePurpose } from './issue-code';

/** Step one of /activate: is this code good (without spending it)? */
export const checkCodeStep = publicAction(codeStepSchema, (input, address) => {
  const result = checkCode(getDb().$client, { ...input, address });
  if (result.outcome === 'throttled')
    return { ok: false, error: throttledMessage(result.retryAfterSeconds) };
  if (result.outcome === 'invalid') return { ok: false, error: INVALID_CODE };
  return { ok: true, data: { purpose: result.purpose as CodePurpose, email: result.email } };
});

/** Step two: spend the code and set the password; the form then signs in with it. */
export const choosePasswordStep = publicAction(passwordStepSchema, async (input, address) => {
  const result = await redeemCode(getDb().$client, { ...input, address });
  switch (result.outcome) {
    case 'throttled':
      return { ok: false, error: throttledMessage(result.retryAfterSeconds) };
    case 'invalid':
      return { ok: false, error: INVALID_CODE };
    case 'weak_password':
      return {
        ok: false,
        error: 'Please choose another password.',
        fieldErrors: { password: result.message },
      };
    default:
      return { ok: true, data: { email: result.email } };
  }
});

/**
 * "Forgot password?" and "send me a new code": the same answer, in the same time, whoever asks.
 * The email goes out just after the answer; should that fail, the outbox retries it
 * (`npm run cli -- outbox deliver`).
 */
export const requestCodeStep = publicAction(requestCodeSchema, (input, address) => {
  const sqlite = getDb().$client;
  const result = requestCode(sqlite, { email: input.email, address });
  if (result.outcome === 'throttled')
    return { ok: false, error: throttledMessage(result.retryAfterSeconds) };
  if (result.outcome === 'queued') {
    const { messageId } = result;
    after(async () => {
      const transport = configuredTransport(sqlite);
      try {
        await deliverMessage(sqlite, messageId, { transport, portalUrl: portalUrl() });
      } finally {
        transport.close();
      }
    });
  }
  return { ok: true, data: { message: CODE_SENT } };
});
