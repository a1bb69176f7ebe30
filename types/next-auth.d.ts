import type { Role } from '@/db/schema';

declare module 'next-auth' {
  interface User {
    role: Role;
    accountId: string | null;
  }
  interface Session {
    /** Absent once the session has ended (signed out, login disabled). */
    user?: { id: number; email: string; role: Role; accountId: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    /** The login_sessions row this token belongs to (lib/auth/login-sessions.ts). */
    sid?: string;
  }
}
