import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, type User } from '@/db/schema';

export function findUserByEmail(db: Db, { email }: { email: string }): User | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function findUserById(db: Db, { id }: { id: number }): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}
