import type Database from 'better-sqlite3';
import { newTotpSecret } from './totp';

const settingKey = (userId: number) => `totp_enrolment:user:${userId}`;

/**
 * The authenticator key offered to a staff login that has none yet, kept on the server until a
 * code for it proves the enrolment. The browser is shown it in a response body and never sends
 * it back, so it travels in no URL and the one signing in cannot choose it. One row per login:
 * every offer until then is the same key, whichever tab or process makes it.
 */
export function offeredTotpSecret(sqlite: Database.Database, userId: number): string {
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
    .run(settingKey(userId), newTotpSecret());
  return sqlite
    .prepare('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(settingKey(userId)) as string;
}

/** The key offered to the login, if one was (without offering one). */
export function findOfferedTotpSecret(
  sqlite: Database.Database,
  userId: number,
): string | undefined {
  return sqlite
    .prepare('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(settingKey(userId)) as string | undefined;
}

/** Forgets the offer once it is enrolled, so that a later reset offers a new key. */
export function withdrawTotpOffer(sqlite: Database.Database, userId: number): void {
  sqlite.prepare('DELETE FROM settings WHERE key = ?').run(settingKey(userId));
}
