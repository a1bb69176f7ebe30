import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { exchangeSignIn } from '@/lib/onboarding/exchange-sign-in';
import { EXCHANGE_PROVIDER_ID, exchangeProvider } from '@/lib/onboarding/identity-provider';
import { AUTH_SIGN_OUT } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { requestAddress } from '@/lib/http/client-address';
import { authenticate } from './authenticate';
import { endLoginSession, liveSessionUser, startLoginSession } from './login-sessions';
import { CODE_REQUIRED_ERROR, ENROL_REQUIRED_ERROR, THROTTLED_ERROR } from './login-schema';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth hands authorize() the request's headers as a plain object. */
const forwardedFor = (headers: Record<string, unknown> | undefined) => {
  const value = headers?.['x-forwarded-for'];
  return typeof value === 'string' ? value : null;
};

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        code: { label: 'Code', type: 'text' },
      },
      async authorize(credentials, request) {
        const email = String(credentials?.email ?? '').slice(0, 320);
        const password = String(credentials?.password ?? '').slice(0, 1024);
        if (!email || !password) return null;
        const result = await authenticate(getDb(), {
          email,
          password,
          code: String(credentials?.code ?? '').slice(0, 16) || undefined,
          address: requestAddress(forwardedFor(request?.headers)),
        });
        // next-auth hands a thrown message to the sign-in form as its error code.
        if (result.outcome === 'throttled') {
          throw new Error(`${THROTTLED_ERROR}:${result.retryAfterSeconds}`);
        }
        if (result.outcome === 'code_required') throw new Error(CODE_REQUIRED_ERROR);
        // The error ends up in a URL (next-auth's error redirect), so it never carries the key:
        // the form fetches it in a response body (app/login/actions.ts).
        if (result.outcome === 'enrol_required') throw new Error(ENROL_REQUIRED_ERROR);
        if (result.outcome === 'refused') return null;
        const { user } = result;
        return {
          id: String(user.id),
          email: user.email,
          role: user.role,
          accountId: user.accountId,
        };
      },
    }),
    // Sign-in with the exchange's own identity provider, when configured (lib/onboarding).
    ...[exchangeProvider()].filter((provider) => provider !== null),
  ],
  callbacks: {
    signIn({ user, account, profile }) {
      return account?.provider === EXCHANGE_PROVIDER_ID ? exchangeSignIn(user, profile) : true;
    },
    jwt({ token, user }) {
      // Only at sign-in: the token then names its session row for its whole life.
      if (user) {
        token.uid = Number(user.id);
        token.sid = startLoginSession(getDb(), {
          userId: Number(user.id),
          maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
        });
      }
      return token;
    },
    // Every request: the session counts only while its row is live and its login enabled, and
    // the user is read afresh, so a role change or a disabled login takes effect at once.
    session({ session, token }) {
      const user = liveSessionUser(getDb(), token);
      return user ? { ...session, user } : { expires: session.expires };
    },
  },
  events: {
    signOut({ token }) {
      if (!token?.sid || !endLoginSession(getDb(), { sessionId: token.sid, reason: 'signed_out' }))
        return;
      recordAudit(getDb(), AUTH_SIGN_OUT, {
        actorUserId: token.uid ?? null,
        actorEmail: token.email ?? null,
        subject: token.uid ? `user:${token.uid}` : null,
      });
    },
  },
};
