/** Test helper: writes small bundles to temporary folders, valid unless a test says otherwise. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleFileName } from './read-bundle';

export type BundleFiles = Record<BundleFileName, string | Buffer>;

export const VALID_FILES: Readonly<BundleFiles> = {
  'manifest.json': JSON.stringify({
    program: 'Test program',
    snapshotAt: '2024-05-01T00:00:00Z',
    coverage: '1',
    coverageOverrides: { DOGE: '0.85' },
  }),
  'assets.csv': [
    'asset,name,decimals,chains',
    'BTC,Bitcoin,8,chain-001',
    'ETH,Ether,18,chain-002|chain-003',
    'DOGE,Dogecoin,8,chain-004',
    'CENT,Cent token,2,chain-001',
    '',
  ].join('\n'),
  'prices.csv': ['asset,usd_price', 'BTC,67012.55', 'ETH,3456.78', 'DOGE,', ''].join('\n'),
  'accounts.csv': [
    'account_id,email,display_name',
    'acct-1,one@example.test,Ada',
    'acct-2,two@example.test,',
    '',
  ].join('\n'),
  'balances.csv': [
    'account_id,asset,balance',
    'acct-1,BTC,1.5',
    'acct-1,ETH,123456789012.123456789012345678',
    'acct-2,DOGE,7',
    'acct-2,CENT,0.05',
    '',
  ].join('\n'),
};

const made: string[] = [];

/** Writes VALID_FILES with `changes` applied; `null` leaves a file out. */
export async function writeTestBundle(
  changes: Partial<Record<BundleFileName, string | Buffer | null>> = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'makewhole-bundle-'));
  made.push(dir);
  const files = { ...VALID_FILES, ...changes };
  for (const [name, content] of Object.entries(files)) {
    if (content !== null) await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Replaces line `line` (1-based) of a valid file's text. */
export function withLine(name: BundleFileName, line: number, text: string): string {
  const lines = String(VALID_FILES[name]).split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

export function withExtraLine(name: BundleFileName, text: string): string {
  return `${String(VALID_FILES[name])}${text}\n`;
}

export async function removeTestBundles(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
