/** Signs in by posting the credentials form the way a browser does, without one. */

/** The cookies a response sets, as `name=value` pairs for the next request. */
export const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** A CSRF token and the cookie it is bound to, as the sign-in form holds them. */
export type CsrfPair = { csrfToken: string; cookie: string };

export async function fetchCsrf(origin: string): Promise<CsrfPair> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookieHeader(csrf) };
}

export async function postCredentials(
  origin: string,
  /** `code`: a staff login's two-factor code, sent with the password as the form's second step does. */
  credentials: { email: string; password: string; code?: string },
  headers: Record<string, string> = {},
  /** One token for many posts (a burst), as one open sign-in form would send them. */
  csrf?: CsrfPair,
): Promise<Response> {
  const { csrfToken, cookie } = csrf ?? (await fetchCsrf(origin));
  return fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookie,
      Origin: origin,
      ...headers,
    },
    body: new URLSearchParams({ csrfToken, ...credentials }),
  });
}
