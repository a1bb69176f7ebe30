/** Signs in by posting the credentials form the way a browser does, without one. */

/** The cookies a response sets, as `name=value` pairs for the next request. */
export const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

export async function postCredentials(
  origin: string,
  /** `code`: a staff login's two-factor code, sent with the password as the form's second step does. */
  credentials: { email: string; password: string; code?: string },
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookieHeader(csrf),
      Origin: origin,
      ...headers,
    },
    body: new URLSearchParams({ csrfToken, ...credentials }),
  });
}
