import type Database from 'better-sqlite3';
import { keyedDigest } from '@/lib/secrets/outside-key';

/**
 * How the throttles and the audit trail name an email someone typed (at sign-in, activation or
 * "forgot password") that names no login: an HMAC-SHA-256 under the key kept outside the
 * database, `hmac:…`. Someone reading the database or a backup sees neither the address nor
 * anything to test guesses of it against; the operator, who has the key, can still find an
 * address's attempts (the audit page's actor filter) and tell repeats apart.
 */
export function unknownEmailDigest(sqlite: Database.Database, normalizedEmail: string): string {
  return `hmac:${keyedDigest(sqlite, 'typed-email', normalizedEmail)}`;
}
