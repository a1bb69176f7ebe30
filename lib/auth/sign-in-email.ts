import type Database from 'better-sqlite3';
import { keyedDigest } from '@/lib/secrets/outside-key';

/**
 * How the throttle and the audit trail name an email typed at sign-in that no login has: an
 * HMAC-SHA-256 under the key kept outside the database. Someone reading the database or a backup
 * sees neither the address nor anything to test guesses of it against; the operator, who has the
 * key, can still tell that the same address was tried again. Known logins keep their address.
 */
export function signInEmailDigest(sqlite: Database.Database, normalizedEmail: string): string {
  return `hmac:${keyedDigest(sqlite, 'sign-in-email', normalizedEmail)}`;
}
