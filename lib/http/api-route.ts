import 'server-only';
import { AppError, HTTP_STATUS, USER_MESSAGES } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/authenticate';
import { can, type Permission } from '@/lib/auth/permissions';
import { currentUser } from '@/lib/auth/session';
import { refuseBadBody, type BodyPolicy } from './request-guard';

export function jsonError(code: keyof typeof USER_MESSAGES, message?: string): Response {
  return Response.json({ error: message ?? USER_MESSAGES[code] }, { status: HTTP_STATUS[code] });
}

/**
 * Wraps a route handler: 401 without a session, 403 without the permission, a refused body
 * (`options.body`) answered 4xx before the handler runs, AppError mapped to
 * its status, anything else logged and answered 500 without detail.
 */
export function apiRoute(
  permission: Permission,
  handler: (request: Request, user: SessionUser) => Promise<Response> | Response,
  options: { body?: BodyPolicy } = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const user = await currentUser();
    if (!user) return jsonError('unauthenticated');
    if (!can(user.role, permission)) return jsonError('forbidden');
    const refused = options.body && (await refuseBadBody(request.clone(), options.body));
    if (refused) return refused;
    try {
      return await handler(request, user);
    } catch (error) {
      if (error instanceof AppError) return jsonError(error.code, error.userMessage);
      console.error(error);
      return jsonError('internal');
    }
  };
}
