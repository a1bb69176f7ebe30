import type { z } from 'zod';
import type { ActionResult } from '@/lib/http/action';
import { USER_MESSAGES } from '@/lib/errors';
import { requestAddress } from '@/lib/http/client-address';

/**
 * The action wrapper for the few steps taken before anyone is signed in (activation, reset):
 * zod parse → domain call → the same result shape as lib/http/action.ts. `run` gets the parsed
 * input and the caller's source address, which throttling needs.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>, address: string) => Promise<ActionResult<T>> | ActionResult<T>,
): (input: z.input<S>, address: string) => Promise<ActionResult<T>> {
  return async (input, address) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(
        parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
      );
      return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors };
    }
    try {
      return await run(parsed.data, address);
    } catch (error) {
      console.error(error);
      return { ok: false, error: USER_MESSAGES.internal };
    }
  };
}

/** The client's address, as far as this server and its trusted proxies can vouch for it. */
export function sourceAddress(headers: Headers): string {
  return requestAddress(headers.get('x-forwarded-for'));
}
