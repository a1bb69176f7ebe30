import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { AUTH_TOTP_ENROLLED } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { withdrawTotpOffer } from '@/lib/auth/totp-enrolment';

/**
 * Stores a staff login's authenticator secret once its first code proved the app has it; that
 * code's step counts as used.
 */
export function enrolTotp(
  db: Db,
  { userId, secret, step }: { userId: number; secret: string; step: number | null },
): void {
  db.transaction((tx) => {
    tx.update(users)
      .set({ totpSecret: secret, totpLastStep: step })
      .where(eq(users.id, userId))
      .run();
    withdrawTotpOffer(db.$client, userId);
    recordAudit(tx, AUTH_TOTP_ENROLLED, {
      actorUserId: userId,
      subject: `user:${userId}`,
    });
  });
}
