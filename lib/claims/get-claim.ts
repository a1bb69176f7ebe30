import type Database from 'better-sqlite3';
import { claimAccount, paidAccount } from '@/lib/ledger/accounts';
import { formatUnits, parsePrice, sumExactDecimals, usdValue } from '@/lib/money';
import { cachedView } from './claim-view-cache';
import { claimVersion } from './claim-version';

export type ClaimStatus = 'open' | 'acknowledged' | 'disputed' | 'paid';

export type ClaimLine = {
  asset: string;
  name: string;
  decimals: number;
  coverage: string;
  snapshotBalanceUnits: bigint;
  claimUnits: bigint;
  paidUnits: bigint;
  outstandingUnits: bigint;
  /** Exact USD price at the snapshot, or null when the asset has no price. */
  usdPrice: string | null;
  /** Exact claim × price, or null without a price. */
  usdValue: string | null;
};

export type Claim = {
  accountId: string;
  program: string;
  snapshotAt: string;
  version: string;
  status: ClaimStatus;
  acknowledgedVersion: string | null;
  lines: ClaimLine[];
  usdTotal: string;
};

type LineRow = {
  asset: string;
  name: string;
  decimals: number;
  coverage: string;
  usdPrice: string | null;
  balance: string | null;
  owed: string | null;
  paid: string | null;
};

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    snapshot: sqlite.prepare(
      'SELECT program, snapshot_at AS snapshotAt FROM snapshots ORDER BY id LIMIT 1',
    ),
    account: sqlite.prepare('SELECT id FROM accounts WHERE id = ?').pluck(),
    // Every asset the account holds in the snapshot or was later owed by an adjustment.
    lines: sqlite.prepare(
      `SELECT a.asset, a.name, a.decimals, a.coverage, a.usd_price AS usdPrice,
              l.balance_units AS balance, c.units AS owed, p.units AS paid
       FROM assets a
       LEFT JOIN snapshot_lines l ON l.account_id = @id AND l.asset = a.asset
       LEFT JOIN ledger_balances c ON c.account = @claim AND c.asset = a.asset
       LEFT JOIN ledger_balances p ON p.account = @paid AND p.asset = a.asset
       WHERE a.asset IN (
         SELECT asset FROM snapshot_lines WHERE account_id = @id
         UNION SELECT asset FROM ledger_balances WHERE account = @claim
       )
       ORDER BY a.asset`,
    ),
    status: sqlite.prepare(
      'SELECT status, acknowledged_version AS acknowledgedVersion FROM claim_status WHERE account_id = ?',
    ),
  };
}

function statements(sqlite: Database.Database) {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    cached = prepare(sqlite);
    statementCache.set(sqlite, cached);
  }
  return cached;
}

function toLine(row: LineRow): ClaimLine {
  const claimUnits = BigInt(row.owed ?? '0');
  const paidUnits = BigInt(row.paid ?? '0');
  return {
    asset: row.asset,
    name: row.name,
    decimals: row.decimals,
    coverage: row.coverage,
    snapshotBalanceUnits: BigInt(row.balance ?? '0'),
    claimUnits,
    paidUnits,
    outstandingUnits: claimUnits - paidUnits,
    usdPrice: row.usdPrice,
    usdValue:
      row.usdPrice === null ? null : usdValue(claimUnits, row.decimals, parsePrice(row.usdPrice)),
  };
}

/** The stored status, corrected by what the lines say now. */
function effectiveStatus(
  stored: { status: ClaimStatus; acknowledgedVersion: string | null } | undefined,
  version: string,
  lines: readonly ClaimLine[],
): ClaimStatus {
  const owed = lines.some((l) => l.claimUnits > 0n);
  if (owed && lines.every((l) => l.outstandingUnits === 0n)) return 'paid';
  if (!stored) return 'open';
  if (stored.status === 'acknowledged' && stored.acknowledgedVersion !== version) return 'open';
  return stored.status;
}

/** One account's claim, line by line; null when the account is not in the snapshot. */
export function getClaim(sqlite: Database.Database, accountId: string): Claim | null {
  const s = statements(sqlite);
  const snapshot = s.snapshot.get() as { program: string; snapshotAt: string } | undefined;
  if (!snapshot || s.account.get(accountId) === undefined) return null;
  const rows = s.lines.all({
    id: accountId,
    claim: claimAccount(accountId),
    paid: paidAccount(accountId),
  }) as LineRow[];
  const lines = rows.map(toLine);
  const version = claimVersion(accountId, lines);
  const stored = s.status.get(accountId) as
    { status: ClaimStatus; acknowledgedVersion: string | null } | undefined;
  const priced = lines.flatMap((l) => (l.usdValue === null ? [] : [l.usdValue]));
  return {
    accountId,
    ...snapshot,
    version,
    status: effectiveStatus(stored, version, lines),
    acknowledgedVersion: stored?.acknowledgedVersion ?? null,
    lines,
    usdTotal: sumExactDecimals(priced),
  };
}

/** getClaim for a claimant's own reads: once per ledger head and process (claim-view-cache.ts). */
export function cachedClaim(sqlite: Database.Database, accountId: string): Claim | null {
  return cachedView(sqlite, { kind: 'claim', accountId }, () => getClaim(sqlite, accountId));
}

/** The claim in the published JSON shape (SPEC "claim --json"): plain decimal strings. */
export function claimToJson(claim: Claim) {
  return {
    accountId: claim.accountId,
    version: claim.version,
    status: claim.status,
    lines: claim.lines.map((l) => ({
      asset: l.asset,
      decimals: l.decimals,
      snapshotBalance: formatUnits(l.snapshotBalanceUnits, l.decimals),
      claim: formatUnits(l.claimUnits, l.decimals),
      paid: formatUnits(l.paidUnits, l.decimals),
      outstanding: formatUnits(l.outstandingUnits, l.decimals),
      usdPrice: l.usdPrice,
      usdValue: l.usdValue,
    })),
    usdTotal: claim.usdTotal,
  };
}
