import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { USER_CREATE } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { createUserSchema, type CreateUserInput } from './create-user-schema';

export { createUserSchema, type CreateUserInput };

export type Actor = { userId: number | null; email: string | null };

export const SYSTEM_ACTOR: Actor = { userId: null, email: 'system' };

export async function createUser(
  db: Db,
  input: CreateUserInput,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ id: number; email: string; role: Role }> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(
      parsed.error.issues.map((i) => [i.path.join('.'), i.message]),
    );
    throw new AppError(
      'bad_request',
      parsed.error.issues.map((i) => i.message).join(' '),
      fieldErrors,
    );
  }
  const value = parsed.data;
  const passwordHash = await hashPassword(value.password);
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, value.email))
        .get();
      if (existing)
        throw new AppError('duplicate_email', `A login for ${value.email} already exists.`);
      // One claimant login per account; the database refuses a second (users_one_claimant_per_account).
      const bound =
        value.role === 'claimant' && value.accountId
          ? tx
              .select({ email: users.email })
              .from(users)
              .where(and(eq(users.accountId, value.accountId), eq(users.role, 'claimant')))
              .get()
          : undefined;
      if (bound)
        throw new AppError(
          'conflict',
          `Account ${value.accountId} already has a claimant login (${bound.email}): one login per account.`,
          { accountId: 'This account already has a claimant login.' },
        );
      const row = tx
        .insert(users)
        .values({
          email: value.email,
          role: value.role,
          accountId: value.accountId ?? null,
          passwordHash,
          totpSecret: value.totpSecret ?? null,
          createdAt: new Date().toISOString(),
        })
        .returning({ id: users.id })
        .get();
      recordAudit(tx, USER_CREATE, {
        actorUserId: actor.userId,
        actorEmail: actor.email,
        subject: value.email,
        detail: {
          role: value.role,
          accountId: value.accountId ?? null,
          totpProvisioned: value.totpSecret !== undefined,
        },
      });
      return { id: row.id, email: value.email, role: value.role };
      // Immediate: a read that later writes would otherwise fail at once, not wait, when another
      // process writes in between.
    },
    { behavior: 'immediate' },
  );
}
