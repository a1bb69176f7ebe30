import type { NextRequest } from 'next/server';
import { refuseBadBody, SERVER_ACTION_BODY } from '@/lib/http/request-guard';

/**
 * Server actions are POSTs to a page with a `Next-Action` header. Their bodies are checked here,
 * before Next.js decodes them, so that a wrong media type, a body too large or one that does not
 * parse gets a 4xx that says so (Next.js itself answers 500). Nothing else passes through here.
 */
export async function proxy(request: NextRequest): Promise<Response | undefined> {
  if (request.method !== 'POST') return undefined;
  return (await refuseBadBody(request, SERVER_ACTION_BODY)) ?? undefined;
}

export const config = {
  matcher: [{ source: '/:path*', has: [{ type: 'header', key: 'next-action' }] }],
};
