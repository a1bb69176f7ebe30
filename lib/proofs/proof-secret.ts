import type Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_KEY = 'proof_secret';

/**
 * The per-database secret that salts account ids in the tree, created once on first use.
 * Every account's nonce derives from it, so no per-account secret has to be stored.
 */
export function proofSecret(sqlite: Database.Database): Buffer {
  const existing = existingProofSecret(sqlite);
  if (existing) return existing;
  // Two first uses at once: the first insert wins and both read the same secret back.
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
    .run(SECRET_KEY, randomBytes(32).toString('hex'));
  return existingProofSecret(sqlite) as Buffer;
}

/** The secret if one was ever created (reading never creates it). */
export function existingProofSecret(sqlite: Database.Database): Buffer | null {
  const hex = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SECRET_KEY) as
    string | undefined;
  if (hex !== undefined && !/^[0-9a-f]{64}$/.test(hex))
    throw new Error('The stored proof secret is not 32 bytes of hex.');
  return hex === undefined ? null : Buffer.from(hex, 'hex');
}

/** HMAC-SHA256(secret, account id): the account's nonce, given only to its own claimant. */
export function accountNonce(secret: Buffer, accountId: string): string {
  return createHmac('sha256', secret).update(accountId, 'utf8').digest('hex');
}
