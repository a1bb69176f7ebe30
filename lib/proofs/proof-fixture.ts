/** Test helpers: small imported snapshots with chosen claims, and claim adjustments. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendClaimAdjustment } from '@/lib/testing/claim-adjustment';
import { generateBundle } from '@/lib/snapshot/generate';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { tempDb } from '@/lib/testing/temp-db';
import type { PublishedRootRef } from './proof-json';
import { publishedRoots, rootRef } from './published-roots';

export type Sqlite = ReturnType<typeof tempDb>['$client'];

/** Decimals per asset; "1INCH" and "2024" sort before letters and look like numbers to JS. */
export const FIXTURE_ASSETS: Record<string, number> = {
  '1INCH': 18,
  '2024': 0,
  BTC: 8,
  ETH: 18,
  USDT: 6,
};

const folders: string[] = [];

/** Imports a snapshot at full coverage, so each balance is the claim: {account: {asset: amount}}. */
export async function importClaims(
  balances: Record<string, Record<string, string>>,
): Promise<Sqlite> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-proof-bundle-'));
  folders.push(dir);
  const accounts = Object.keys(balances);
  const files = {
    'manifest.json': JSON.stringify({
      program: 'Proof fixture',
      snapshotAt: '2025-03-14T23:59:59Z',
      coverage: '1',
    }),
    'assets.csv': [
      'asset,name,decimals,chains',
      ...Object.entries(FIXTURE_ASSETS).map(([asset, d]) => `${asset},${asset} token,${d},chain-1`),
    ],
    'prices.csv': ['asset,usd_price', 'BTC,67012.55'],
    'accounts.csv': ['account_id,email', ...accounts.map((id) => `${id},${id}@example.test`)],
    'balances.csv': [
      'account_id,asset,balance',
      ...accounts.flatMap((id) =>
        Object.entries(balances[id] ?? {}).map(([asset, amount]) => `${id},${asset},${amount}`),
      ),
    ],
  };
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), Array.isArray(content) ? `${content.join('\n')}\n` : content);
  const db = tempDb('mw-proof-');
  await importBundle(db, { dir, actor: 'test' });
  return db.$client;
}

/** Imports a generated bundle of `accounts` accounts (realistic assets and amounts). */
export async function importGenerated(accounts: number, seed = 'proofs'): Promise<Sqlite> {
  const outDir = mkdtempSync(join(tmpdir(), 'mw-proof-gen-'));
  folders.push(outDir);
  await generateBundle({ accounts, seed, outDir });
  const db = tempDb('mw-proof-');
  await importBundle(db, { dir: outDir, actor: 'test' });
  return db.$client;
}

export function removeFixtureBundles(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Changes one claim by `deltaUnits`, as a dispute adjustment does. */
export function adjust(
  sqlite: Sqlite,
  accountId: string,
  asset: string,
  deltaUnits: bigint,
  key: string,
): void {
  sqlite.transaction(() =>
    appendClaimAdjustment(sqlite, { idempotencyKey: key, accountId, asset, deltaUnits }),
  )();
}

export const publishedRefs = (sqlite: Sqlite): PublishedRootRef[] =>
  publishedRoots(sqlite).map(rootRef);

export const count = (sqlite: Sqlite, sql: string, ...params: unknown[]) =>
  sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;
