import type { Role } from '@/db/schema';

declare module 'next-auth' {
  interface User {
    role: Role;
    accountId: string | null;
  }
  interface Session {
    user: { id: number; email: string; role: Role; accountId: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    role?: Role;
    accountId?: string | null;
  }
}
