import type Database from 'better-sqlite3';
import { CLAIM_RANGE } from '@/lib/ledger/accounts';
import { claimAdjustments, lastClaimChange } from './claim-adjustments';
import { assetPrices, UsdScale } from './prices';

/** Claim sizes in USD, per account: upper bounds of the buckets, in whole dollars. */
const BOUNDS = [1n, 10n, 100n, 1_000n, 10_000n, 100_000n, 1_000_000n];
export const SIZE_BUCKETS = [
  '$0 or no price',
  'under $1',
  '$1–10',
  '$10–100',
  '$100–1k',
  '$1k–10k',
  '$10k–100k',
  '$100k–1M',
  '$1M and more',
] as const;

export type SizeBucket = { label: string; accounts: number };

const CACHE = 'claim-size-distribution';

function bucketOf(usd: UsdScale, scaled: bigint): number {
  if (scaled <= 0n) return 0;
  const index = BOUNDS.findIndex((bound) => scaled < usd.dollars(bound));
  return index === -1 ? BOUNDS.length + 1 : index + 1;
}

export type ClaimScan = {
  /** Σ of every claimant's claim balance, per asset. */
  owedByAsset: Map<string, bigint>;
  /** Accounts per size bucket. */
  counts: number[];
};

/**
 * One pass over every claim balance, in account order (the projection's key order): the sums per
 * asset and the size of each account's claim. Accounts without any claim balance count as $0, so
 * every account of the snapshot is in one bucket.
 */
export function scanClaims(sqlite: Database.Database): ClaimScan {
  const usd = new UsdScale(assetPrices(sqlite));
  const counts = SIZE_BUCKETS.map(() => 0);
  const owedByAsset = new Map<string, bigint>();
  let seen = 0;
  const rows = sqlite
    .prepare('SELECT account, asset, units FROM ledger_balances WHERE account >= ? AND account < ?')
    .raw()
    .iterate(...CLAIM_RANGE) as IterableIterator<[string, string, string]>;
  let account: string | null = null;
  let total = 0n;
  for (const [a, asset, text] of rows) {
    if (a !== account) {
      if (account !== null) counts[bucketOf(usd, total)]! += 1;
      seen += 1;
      account = a;
      total = 0n;
    }
    const units = BigInt(text);
    owedByAsset.set(asset, (owedByAsset.get(asset) ?? 0n) + units);
    total += usd.scaled(asset, units);
  }
  if (account !== null) counts[bucketOf(usd, total)]! += 1;
  const accounts = sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
  counts[0]! += accounts - seen;
  return { owedByAsset, counts };
}

function accountUsd(sqlite: Database.Database, usd: UsdScale, account: string): bigint {
  const rows = sqlite
    .prepare('SELECT asset, units FROM ledger_balances WHERE account = ?')
    .raw()
    .all(account) as [string, string][];
  return rows.reduce((sum, [asset, units]) => sum + usd.scaled(asset, BigInt(units)), 0n);
}

/** Moves the accounts whose claims changed after `afterSeq` from their old bucket to the new. */
function applyAdjustments(
  sqlite: Database.Database,
  usd: UsdScale,
  counts: number[],
  afterSeq: number,
): void {
  const deltas = new Map<string, bigint>();
  for (const adjustment of claimAdjustments(sqlite, afterSeq)) {
    for (const leg of adjustment.legs) {
      const account = `claim:${leg.accountId}`;
      deltas.set(account, (deltas.get(account) ?? 0n) + usd.scaled(leg.asset, leg.units));
    }
  }
  for (const [account, delta] of deltas) {
    const now = accountUsd(sqlite, usd, account);
    counts[bucketOf(usd, now - delta)]! -= 1;
    counts[bucketOf(usd, now)]! += 1;
  }
}

/** Beyond this many claim lines, a full count waits for the full verification (it scans them all). */
export const INLINE_COUNT_MAX_LINES = 200_000;

function store(sqlite: Database.Database, asOfSeq: number, counts: number[]): void {
  sqlite
    .prepare(
      `INSERT INTO reconciliation_cache (name, as_of_seq, data) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET as_of_seq = excluded.as_of_seq, data = excluded.data`,
    )
    .run(CACHE, asOfSeq, JSON.stringify(counts));
}

const toBuckets = (counts: number[]): SizeBucket[] =>
  SIZE_BUCKETS.map((label, i) => ({ label, accounts: counts[i] ?? 0 }));

/** Keeps the claim sizes of a fresh scan of all claims (made as of the latest claim change). */
export function keepClaimSizes(sqlite: Database.Database, scan: ClaimScan): SizeBucket[] {
  store(sqlite, lastClaimChange(sqlite), scan.counts);
  return toBuckets(scan.counts);
}

/**
 * How many accounts have a claim of each size (USD over priced assets). Counted once over all
 * claims and kept; later adjustments move only the accounts they touch. A large snapshot is
 * counted by the full verification rather than on a page view: null until then.
 */
export function claimSizeDistribution(
  sqlite: Database.Database,
  options: { claimLines: number },
): SizeBucket[] | null {
  const latest = lastClaimChange(sqlite);
  const imported = sqlite.prepare('SELECT max(tx_seq) FROM snapshots').pluck().get() as
    number | null;
  const cached = sqlite
    .prepare('SELECT as_of_seq AS asOfSeq, data FROM reconciliation_cache WHERE name = ?')
    .get(CACHE) as { asOfSeq: number; data: string } | undefined;
  if (!cached || imported === null || cached.asOfSeq < imported) {
    return options.claimLines <= INLINE_COUNT_MAX_LINES
      ? keepClaimSizes(sqlite, scanClaims(sqlite))
      : null;
  }
  const counts = JSON.parse(cached.data) as number[];
  if (cached.asOfSeq !== latest) {
    applyAdjustments(sqlite, new UsdScale(assetPrices(sqlite)), counts, cached.asOfSeq);
    store(sqlite, latest, counts);
  }
  return toBuckets(counts);
}
