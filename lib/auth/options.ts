import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { authenticate } from './authenticate';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials) {
        const email = String(credentials?.email ?? '').slice(0, 320);
        const password = String(credentials?.password ?? '').slice(0, 1024);
        if (!email || !password) return null;
        const user = await authenticate(getDb(), { email, password });
        if (!user) return null;
        return {
          id: String(user.id),
          email: user.email,
          role: user.role,
          accountId: user.accountId,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.accountId = user.accountId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = {
          id: token.uid,
          email: token.email ?? '',
          role: token.role,
          accountId: token.accountId ?? null,
        };
      }
      return session;
    },
  },
};
