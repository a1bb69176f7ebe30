import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';

/**
 * Stores a staff login's authenticator secret once its first code proved the app has it; that
 * code's step counts as used.
 */
export function enrolTotp(
  db: Executor,
  { userId, secret, step }: { userId: number; secret: string; step: number | null },
): void {
  db.transaction((tx) => {
    tx.update(users)
      .set({ totpSecret: secret, totpLastStep: step })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, {
      action: 'auth.totp_enrolled',
      actorUserId: userId,
      subject: `user:${userId}`,
    });
  });
}
