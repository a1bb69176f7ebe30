import type Database from 'better-sqlite3';
import { ACCOUNT_PHRASE_SET } from '@/lib/audit/audit-actions';
import { prepared } from '@/db/prepared';
import { auditWriter } from './audit';

/** The login's anti-phishing phrase, or null when it has not set one. */
export function phraseFor(sqlite: Database.Database, userId: number): string | null {
  // In the header of every signed-in page.
  const phrase = prepared(sqlite, 'SELECT phrase FROM anti_phishing_phrases WHERE user_id = ?', {
    pluck: true,
  }).get(userId) as string | undefined;
  return phrase ?? null;
}

/** Sets (or replaces) the phrase; the audit trail notes that it changed, never what it is. */
export function setPhrase(
  sqlite: Database.Database,
  input: { userId: number; email: string; accountId: string | null; phrase: string },
): void {
  const at = new Date().toISOString();
  sqlite
    .transaction(() => {
      const replaced = phraseFor(sqlite, input.userId) !== null;
      sqlite
        .prepare(
          `INSERT INTO anti_phishing_phrases (user_id, phrase, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET phrase = excluded.phrase, updated_at = excluded.updated_at`,
        )
        .run(input.userId, input.phrase, at);
      auditWriter(sqlite)(ACCOUNT_PHRASE_SET, {
        at,
        actorUserId: input.userId,
        actorEmail: input.email,
        accountId: input.accountId,
        detail: { replaced },
      });
    })
    .immediate();
}
