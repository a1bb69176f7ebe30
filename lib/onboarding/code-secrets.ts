import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { env } from '@/lib/env';

const PEPPER_KEY = 'activation_code_pepper';
export const KEY_FILE = '.onboarding-secret';

/** The per-database pepper that keys stored code hashes, created once on first use. */
export function codePepper(sqlite: Database.Database): Buffer {
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
    .run(PEPPER_KEY, randomBytes(32).toString('hex'));
  const hex = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PEPPER_KEY);
  return Buffer.from(String(hex), 'hex');
}

/**
 * The key that turns a code's stored nonce back into the code when its email is sent. It lives
 * outside the database (ONBOARDING_SECRET, else a file created beside the database file), so a
 * copy of the database or of a backup holds no usable code, queued or not.
 */
export function codeDerivationKey(sqlite: Database.Database): Buffer {
  const secret = env().ONBOARDING_SECRET;
  if (secret) return Buffer.from(secret, 'utf8');
  if (sqlite.memory) throw new Error('Set ONBOARDING_SECRET for an in-memory database.');
  const file = join(dirname(sqlite.name), KEY_FILE);
  if (!existsSync(file)) createKeyFile(file);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
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
