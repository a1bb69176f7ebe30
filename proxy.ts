import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { refuseBadBody, SERVER_ACTION_BODY } from '@/lib/http/request-guard';
import {
  contentSecurityPolicy,
  newNonce,
  strictTransportSecurity,
} from '@/lib/http/security-headers';

/**
 * Every request but static files passes here. Server actions (POSTs with a `Next-Action`
 * header) have their bodies checked before Next.js decodes them, so that a wrong media type, a
 * body too large or one that does not parse gets a 4xx that says so (Next.js itself answers 500).
 * Every response gets a Content-Security-Policy with a fresh script nonce, set on the request too
 * so that Next.js puts the nonce on its own scripts, and Strict-Transport-Security when the site
 * is served over HTTPS.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  if (request.method === 'POST' && request.headers.has('next-action')) {
    const refusal = await refuseBadBody(request, SERVER_ACTION_BODY);
    if (refusal) return refusal;
  }
  const { NODE_ENV, NEXTAUTH_URL } = env();
  const policy = contentSecurityPolicy({ nonce: newNonce(), dev: NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  const hsts = strictTransportSecurity(NEXTAUTH_URL);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

export const config = {
  // Not the build's static files, image optimisation or files from public/: they run no script
  // that a policy would guard, and they are served as built.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|\\.well-known/).*)'],
};
