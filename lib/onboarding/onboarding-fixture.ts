/** Test helper: a small imported snapshot whose accounts the onboarding tests invite. */
import type Database from 'better-sqlite3';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@/db/client';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { tempDb } from '@/lib/testing/temp-db';
import { deriveCode } from './code-format';
import { codeDerivationKey } from './code-secrets';
import { newCodeThrottles } from './code-throttle';

export const ACCOUNTS = [
  { id: 'acct-a', email: 'a@example.test', name: 'Ada' },
  { id: 'acct-b', email: 'b@example.test', name: '' },
  { id: 'acct-c', email: 'Carol.Mixed@Example.test', name: 'Carol' },
  { id: 'acct-d', email: 'd@example.test', name: 'Dan' },
] as const;

const FILES = {
  'manifest.json': JSON.stringify({
    program: 'Example Exchange recovery',
    snapshotAt: '2025-03-14T23:59:59Z',
  }),
  'assets.csv': 'asset,name,decimals,chains\nBTC,Bitcoin,8,chain-001\n',
  'prices.csv': 'asset,usd_price\nBTC,67012.55\n',
  'accounts.csv': `account_id,email,display_name\n${ACCOUNTS.map((a) => `${a.id},${a.email},${a.name}`).join('\n')}\n`,
  'balances.csv': `account_id,asset,balance\n${ACCOUNTS.map((a) => `${a.id},BTC,0.5`).join('\n')}\n`,
};

export async function onboardingDb(): Promise<Db> {
  const db = tempDb('mw-onboarding-');
  const dir = await mkdtemp(join(tmpdir(), 'mw-onboarding-bundle-'));
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(dir, name), content);
  await importBundle(db, { dir, actor: 'test' });
  return db;
}

/** The code the latest live code row of an address stands for (what its email would say). */
export function currentCode(sqlite: Database.Database, email: string): string {
  const nonce = sqlite
    .prepare(
      'SELECT nonce FROM activation_codes WHERE email = ? AND used_at IS NULL AND revoked_at IS NULL',
    )
    .pluck()
    .get(email.toLowerCase()) as string | undefined;
  if (!nonce) throw new Error(`no live code for ${email}`);
  return deriveCode(codeDerivationKey(sqlite), nonce);
}

export const CLI_ACTOR = { userId: null, email: 'cli' };

/** Throttles of their own, so that tests do not slow each other down. */
export const freshThrottles = () => newCodeThrottles();

export function auditActions(sqlite: Database.Database, prefix: string): string[] {
  return sqlite
    .prepare('SELECT action FROM audit_events WHERE action LIKE ? ORDER BY id')
    .pluck()
    .all(`${prefix}%`) as string[];
}
