import 'server-only';
import type { z } from 'zod';
import { AppError, USER_MESSAGES } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/authenticate';
import { can, type Permission } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * The one way to build a server action: session → permission → zod parse → domain call.
 * Every exported action is a public endpoint, so none may skip this.
 */
export function action<S extends z.ZodType, T>(
  options: { schema: S; permission: Permission },
  run: (input: z.output<S>, user: SessionUser) => Promise<T> | T,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await currentUser();
    if (!user) return { ok: false, error: USER_MESSAGES.unauthenticated };
    if (!can(user.role, options.permission)) return { ok: false, error: USER_MESSAGES.forbidden };
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(
        parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
      );
      return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors };
    }
    try {
      return { ok: true, data: await run(parsed.data, user) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: error.userMessage, fieldErrors: error.fieldErrors };
      }
      console.error(error);
      return { ok: false, error: USER_MESSAGES.internal };
    }
  };
}
