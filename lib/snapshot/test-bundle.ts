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

/** The whole error: exactly this one `file:line: message`, nothing more. */
const exactly = (line: string) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Bundles every import must refuse, each with the whole error it must give. */
export const IMPORT_REFUSALS: [string, Partial<BundleFiles>, RegExp][] = [
  [
    'a duplicate account id',
    { 'accounts.csv': withExtraLine('accounts.csv', 'acct-1,other@example.test,') },
    /accounts\.csv:4: duplicate account_id "acct-1"/,
  ],
  [
    'a duplicate email',
    { 'accounts.csv': withExtraLine('accounts.csv', 'acct-3,one@example.test,') },
    exactly(
      'accounts.csv:4: email one@example.test is already used by accounts.csv:2 (emails are compared without regard to case)',
    ),
  ],
  [
    'an email that differs from another only in case',
    {
      'accounts.csv': withExtraLine(
        'accounts.csv',
        'acct-3,x@example.test,\nacct-4,Two@Example.TEST,',
      ),
    },
    exactly(
      'accounts.csv:5: email Two@Example.TEST is already used by accounts.csv:3 (emails are compared without regard to case)',
    ),
  ],
  [
    'an account id outside printable ASCII',
    { 'accounts.csv': withExtraLine('accounts.csv', 'acct-\u0430,three@example.test,') },
    exactly(
      'accounts.csv:4: account_id character 6 is U+0430: an account id is printable ASCII (U+0021 to U+007E), without spaces',
    ),
  ],
  [
    'an account id with a space',
    { 'balances.csv': withExtraLine('balances.csv', 'acct 1,BTC,2') },
    exactly(
      'balances.csv:6: account_id character 5 is U+0020: an account id is printable ASCII (U+0021 to U+007E), without spaces',
    ),
  ],
  [
    'a display name with a direction override',
    {
      'accounts.csv': withExtraLine('accounts.csv', 'acct-3,three@example.test,Eve\u202Etxt.exe'),
    },
    exactly(
      'accounts.csv:4: display_name character 4 is the hidden text-direction character U+202E, which would make it read differently than it is stored',
    ),
  ],
  [
    'a display name with a zero-width space',
    { 'accounts.csv': withExtraLine('accounts.csv', 'acct-3,three@example.test,A\u200Bda') },
    exactly(
      'accounts.csv:4: display_name character 2 is the zero-width space U+200B, which would make it read differently than it is stored',
    ),
  ],
  [
    'an asset name with a right-to-left mark',
    { 'assets.csv': withExtraLine('assets.csv', 'XRP,\u200FRipple,6,chain-005') },
    exactly(
      'assets.csv:6: name character 1 is the right-to-left mark U+200F, which would make it read differently than it is stored',
    ),
  ],
  [
    'a duplicate balance line',
    { 'balances.csv': withExtraLine('balances.csv', 'acct-1,BTC,2') },
    /balances\.csv:6: duplicate balance for account "acct-1" and asset BTC/,
  ],
  [
    'a balance of an unknown account',
    { 'balances.csv': withExtraLine('balances.csv', 'acct-9,BTC,2') },
    /balances\.csv:6: unknown account "acct-9"/,
  ],
  [
    'a balance of more digits than amounts are stored in',
    { 'balances.csv': withExtraLine('balances.csv', `acct-2,BTC,${'9'.repeat(70)}`) },
    /balances\.csv:6: balance "9+" is 78 digits in BTC's smallest unit; at most 68 are accepted/,
  ],
  [
    'a balance with too many decimals',
    { 'balances.csv': withExtraLine('balances.csv', 'acct-2,BTC,0.123456789') },
    /balances\.csv:6: .*decimal/,
  ],
];
