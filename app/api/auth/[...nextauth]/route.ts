import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { AUTH_BODY, refuseBadBody } from '@/lib/http/request-guard';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth throws on malformed JSON and reads any size: its bodies are checked first. */
async function POST(request: NextRequest, context: Context): Promise<Response> {
  return (await refuseBadBody(request.clone(), AUTH_BODY)) ?? handler(request, context);
}

export { handler as GET, POST };
