import type Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { env } from '@/lib/env';

export const KEY_FILE = '.onboarding-secret';

/**
 * The server's key that is not in the database: ONBOARDING_SECRET, else a file created beside the
 * database file. Whatever it keys (activation codes, their stored hashes, unknown emails in the
 * audit trail) is useless to someone holding only a copy of the database or of a backup.
 */
export function outsideKey(sqlite: Database.Database): Buffer {
  const secret = env().ONBOARDING_SECRET;
  if (secret) return Buffer.from(secret, 'utf8');
  if (sqlite.memory) throw new Error('Set ONBOARDING_SECRET for an in-memory database.');
  const file = join(dirname(sqlite.name), KEY_FILE);
  if (!existsSync(file)) createKeyFile(file);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

export type KeyedUse = 'code-hash' | 'typed-email';

/** A key of its own for each use of the outside key, so that no output of one serves another. */
export function outsideKeyFor(sqlite: Database.Database, use: KeyedUse): Buffer {
  return createHmac('sha256', outsideKey(sqlite)).update(`makewhole:${use}`).digest();
}

/** HMAC-SHA-256 of `value` under the outside key for `use`, as base64url. */
export function keyedDigest(sqlite: Database.Database, use: KeyedUse, value: string): string {
  return createHmac('sha256', outsideKeyFor(sqlite, use)).update(value).digest('base64url');
}

function createKeyFile(file: string): void {
  // Written whole under a temporary name, then linked: a web server and a command starting
  // together never read a half-written key, and the first one to link wins.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
}
