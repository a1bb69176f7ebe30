import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import { applyCoverage, type Coverage, formatDust, parseCoverage } from '@/lib/money/coverage';
import { batchItemsHash } from '@/lib/payouts/items-hash';
import { AssetSums } from './line-sums';
import {
  BATCH_APPROVED,
  CLAIM_ACKNOWLEDGED,
  CLAIM_DISPUTED,
  DISPUTE_ADJUSTED,
  DISPUTE_REJECTED,
  parseMemo,
} from './vocabulary';

export type Totals = {
  snapshotUnits: bigint;
  claimUnits: bigint;
  remainders: bigint;
  accounts: number;
};

/** Snapshot lines per query, a run of whole accounts: one row of joined text, not one per line. */
export const SNAPSHOT_BATCH_LINES = 16_384;

/** Snapshot lines in key order, as runs of whole accounts of about SNAPSHOT_BATCH_LINES lines. */
function* snapshotLineRuns(sqlite: Database.Database): Generator<[lo: string, hi: string | null]> {
  const boundary = sqlite
    .prepare(
      'SELECT account_id FROM snapshot_lines WHERE account_id > ? ORDER BY account_id LIMIT 1 OFFSET ?',
    )
    .pluck();
  let lo: string | null = '';
  while (lo !== null) {
    const hi: string | null =
      (boundary.get(lo, SNAPSHOT_BATCH_LINES) as string | undefined) ?? null;
    yield [lo, hi];
    lo = hi;
  }
}

/** A statement over one run of lines, by whether the run is the last (no upper bound). */
function runStatements(sqlite: Database.Database, select: (where: string) => string) {
  // The last run has no upper bound; SQLite only stops a range scan at a bound it is given.
  const range = (upper: string) => `account_id >= ? ${upper}`;
  const bounded = sqlite.prepare(select(range('AND account_id < ?'))).raw();
  const last = sqlite.prepare(select(range(''))).raw();
  return ([lo, hi]: [string, string | null]) =>
    hi === null ? { statement: last, args: [lo] } : { statement: bounded, args: [lo, hi] };
}

/**
 * Snapshot lines in key order as (assets, balances) batches of whole accounts, each joined in C
 * and split here. A value holding the separator shows as a count that does not add up; that
 * batch is then read row by row.
 */
function* snapshotLineBatches(sqlite: Database.Database): Generator<[string[], string[]]> {
  const joined = runStatements(
    sqlite,
    (
      where,
    ) => `SELECT count(*), group_concat(asset, char(10)), group_concat(balance_units, char(10))
         FROM (SELECT asset, balance_units FROM snapshot_lines WHERE ${where} ORDER BY account_id, asset)`,
  );
  const rows = runStatements(
    sqlite,
    (where) =>
      `SELECT asset, balance_units FROM snapshot_lines WHERE ${where} ORDER BY account_id, asset`,
  );
  for (const run of snapshotLineRuns(sqlite)) {
    const { statement, args } = joined(run);
    const [count, assets, balances] = statement.get(...args) as [
      number,
      string | null,
      string | null,
    ];
    const lineAssets = assets === null ? [] : assets.split('\n');
    const lineBalances = balances === null ? [] : balances.split('\n');
    if (lineAssets.length === count && lineBalances.length === count) {
      yield [lineAssets, lineBalances];
    } else {
      const r = rows(run);
      const pairs = r.statement.all(...r.args) as [string, string][];
      yield [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
    }
  }
}

export type Coverages = Map<string, Coverage & { whole: boolean }>;

/** Per-asset totals of the snapshot lines read as text, or the first line in an unknown asset. */
function totalsFromText(
  sqlite: Database.Database,
  coverage: Coverages,
): Map<string, Totals> | string {
  const totals = new Map<string, Totals>();
  for (const [lineAssets, balances] of snapshotLineBatches(sqlite)) {
    for (let i = 0; i < lineAssets.length; i += 1) {
      const asset = lineAssets[i]!;
      const cover = coverage.get(asset);
      if (!cover) return unknownAssetMessage(asset);
      const units = BigInt(balances[i]!);
      let t = totals.get(asset);
      if (!t) {
        t = { snapshotUnits: 0n, claimUnits: 0n, remainders: 0n, accounts: 0 };
        totals.set(asset, t);
      }
      t.snapshotUnits += units;
      t.accounts += 1;
      if (!cover.whole) {
        const { claimUnits, remainder } = applyCoverage(units, cover);
        t.claimUnits += claimUnits;
        t.remainders += remainder;
      }
    }
  }
  for (const [asset, cover] of coverage) {
    const t = totals.get(asset);
    if (t && cover.whole) t.claimUnits = t.snapshotUnits;
  }
  return totals;
}

/**
 * The same totals from the lines as bytes, summed exactly without a bigint per line; null at the
 * first line that is not plain (a non-canonical or negative balance, an unknown asset), which
 * the reading as text then meets and handles as it always has.
 */
function totalsFromBytes(
  sqlite: Database.Database,
  coverage: Coverages,
): Map<string, Totals> | null {
  const covered = new Map<string, { claimUnits: bigint; remainders: bigint }>();
  const sums = new AssetSums((asset) => {
    const cover = coverage.get(asset);
    if (!cover || cover.whole) return undefined;
    const t = { claimUnits: 0n, remainders: 0n };
    covered.set(asset, t);
    return (units) => {
      if (units < 0n) return false;
      const { claimUnits, remainder } = applyCoverage(units, cover);
      t.claimUnits += claimUnits;
      t.remainders += remainder;
      return true;
    };
  });
  // In no particular order: the sums do not depend on it, and whatever would be named first
  // sends the reading back to the text, in key order.
  const joined = runStatements(
    sqlite,
    (where) =>
      `SELECT count(*), CAST(group_concat(asset || char(9) || balance_units, char(10)) || char(10) AS BLOB)
       FROM snapshot_lines WHERE ${where}`,
  );
  for (const run of snapshotLineRuns(sqlite)) {
    const { statement, args } = joined(run);
    const [count, lines] = statement.get(...args) as [number, Buffer | null];
    if (count === 0) continue;
    if (lines === null || !isUtf8(lines) || !sums.addLines(lines, count, 0)) return null;
  }
  const totals = new Map<string, Totals>();
  for (const [asset, snapshotUnits, accounts] of sums.totals()) {
    if (!coverage.has(asset)) return null;
    const t = covered.get(asset) ?? { claimUnits: snapshotUnits, remainders: 0n };
    totals.set(asset, { snapshotUnits, accounts, ...t });
  }
  return totals;
}

/**
 * The figures stored beside the ledger that pages and reports show: each asset's snapshot total,
 * initial claims, dust and account count, recomputed from snapshot_lines. Returns the first
 * difference, or null. One pass over the lines, totals kept per asset (a few hundred).
 */
export function assetFiguresProblem(sqlite: Database.Database): string | null {
  const assets = sqlite
    .prepare(
      'SELECT asset, decimals, coverage, snapshot_units, initial_claim_units, dust, accounts FROM assets ORDER BY asset',
    )
    .raw()
    .all() as AssetRow[];
  const coverage = coverages(assets);
  const totals = totalsFromBytes(sqlite, coverage) ?? totalsFromText(sqlite, coverage);
  if (typeof totals === 'string') return totals;
  return assetFiguresDifference(assets, totals);
}

/** An assets row: asset, decimals, coverage, snapshot_units, initial_claim_units, dust, accounts. */
export type AssetRow = [string, number, string, string, string, string, number];

/** Each asset's coverage; full coverage owes the balance itself, no remainder. */
export function coverages(assets: readonly AssetRow[]): Coverages {
  return new Map(
    assets.map(([asset, , text]) => {
      const cover = parseCoverage(text);
      return [asset, { ...cover, whole: cover.numerator === 10n ** BigInt(cover.scale) }];
    }),
  );
}

export const unknownAssetMessage = (asset: string) =>
  `snapshot line in ${asset}: the asset is not in assets`;

/** The first stored asset figure that differs from the totals recomputed from the lines. */
export function assetFiguresDifference(
  assets: readonly AssetRow[],
  totals: ReadonlyMap<string, Totals>,
): string | null {
  for (const [asset, decimals, text, snapshotUnits, claimUnits, dust, accounts] of assets) {
    const t = totals.get(asset) ?? {
      snapshotUnits: 0n,
      claimUnits: 0n,
      remainders: 0n,
      accounts: 0,
    };
    const expected: [string, string, string][] = [
      ['snapshot_units', snapshotUnits, t.snapshotUnits.toString()],
      ['initial_claim_units', claimUnits, t.claimUnits.toString()],
      ['dust', dust, formatDust(t.remainders, decimals, parseCoverage(text).scale)],
      ['accounts', String(accounts), String(t.accounts)],
    ];
    for (const [column, stored, recomputed] of expected) {
      if (stored !== recomputed)
        return `assets.${column} of ${asset}: stored ${stored}, snapshot lines give ${recomputed}`;
    }
  }
  return null;
}

/**
 * Every approved or executed batch's items still hash to what its approval committed to in the
 * ledger. Returns the first batch that differs, or null.
 */
export function payoutItemsProblem(sqlite: Database.Database): string | null {
  const approvals = sqlite
    .prepare('SELECT seq, memo FROM ledger_transactions WHERE kind = ? ORDER BY seq')
    .raw()
    .iterate(BATCH_APPROVED.kind) as IterableIterator<[number, string]>;
  for (const [seq, memoJson] of approvals) {
    const approval = approvalCommitment(seq, memoJson);
    if (typeof approval === 'string') return approval;
    if (approval === null) continue;
    const recomputed = batchItemsHash(sqlite, approval.batchId, { liveOnly: false });
    const problem = payoutItemsDifference(approval, recomputed);
    if (problem) return problem;
  }
  return null;
}

/** What an approval committed its batch's lines to; null if it predates that; a problem if unreadable. */
export function approvalCommitment(
  seq: number,
  memoJson: string,
): { batchId: number; itemsHash: string } | string | null {
  const memo = parseMemo(BATCH_APPROVED, memoJson);
  if (!memo) return unreadable(seq, BATCH_APPROVED.kind);
  const { batchId, itemsHash } = memo;
  if (itemsHash === undefined) return null; // approved before approvals bound their lines
  return { batchId, itemsHash };
}

export function payoutItemsDifference(
  { batchId, itemsHash }: { batchId: number; itemsHash: string },
  recomputed: string,
): string | null {
  return recomputed === itemsHash
    ? null
    : `payout_items of batch #${batchId}: they no longer match the lines its approval committed to (${itemsHash.slice(0, 12)}…, now ${recomputed.slice(0, 12)}…)`;
}

const unreadable = (seq: number, kind: string) =>
  `ledger transaction ${seq}: its memo is not one a ${kind} transaction ever carried`;

export type ClaimEventFold = {
  status: Map<string, { status: string; acknowledgedVersion: string | null }>;
  disputesOpened: Map<number, string>;
  disputesResolved: Map<number, string>;
  /** The first claim event whose memo fits no form its kind ever had. */
  unreadable: string | null;
};

const CLAIM_EVENTS = [CLAIM_ACKNOWLEDGED, CLAIM_DISPUTED, DISPUTE_ADJUSTED, DISPUTE_REJECTED];
export const CLAIM_EVENT_KINDS = CLAIM_EVENTS.map((e) => e.kind);

export const emptyClaimEventFold = (): ClaimEventFold => ({
  status: new Map(),
  disputesOpened: new Map(),
  disputesResolved: new Map(),
  unreadable: null,
});

/** Replays the claim events of the ledger, in order, into what claim_status and disputes hold. */
function foldClaimEvents(sqlite: Database.Database): ClaimEventFold {
  const fold = emptyClaimEventFold();
  const events = sqlite
    .prepare(
      `SELECT seq, kind, memo FROM ledger_transactions
       WHERE kind IN (${CLAIM_EVENT_KINDS.map(() => '?').join(', ')}) ORDER BY seq`,
    )
    .raw()
    .iterate(...CLAIM_EVENT_KINDS) as IterableIterator<[number, string, string]>;
  for (const [seq, kind, memoJson] of events) foldClaimEvent(fold, seq, kind, memoJson);
  return fold;
}

/** One claim event, the next in seq order, into the fold. */
export function foldClaimEvent(
  fold: ClaimEventFold,
  seq: number,
  kind: string,
  memoJson: string,
): void {
  const event = claimEvent(kind, memoJson);
  if (!event) {
    fold.unreadable ??= unreadable(seq, kind);
    return;
  }
  const before = fold.status.get(event.accountId) ?? {
    status: 'open',
    acknowledgedVersion: null,
  };
  if (event.kind === 'acknowledged') {
    fold.status.set(event.accountId, {
      status: 'acknowledged',
      acknowledgedVersion: event.version,
    });
  } else if (event.kind === 'disputed') {
    fold.status.set(event.accountId, { ...before, status: 'disputed' });
    fold.disputesOpened.set(seq, event.accountId);
  } else {
    fold.status.set(event.accountId, { ...before, status: 'open' });
    fold.disputesResolved.set(event.disputeId, event.kind);
  }
}

type ClaimEvent =
  | { kind: 'acknowledged'; accountId: string; version: string }
  | { kind: 'disputed'; accountId: string }
  | { kind: 'adjusted' | 'rejected'; accountId: string; disputeId: number };

function claimEvent(kind: string, memoJson: string): ClaimEvent | null {
  if (kind === CLAIM_ACKNOWLEDGED.kind) {
    const memo = parseMemo(CLAIM_ACKNOWLEDGED, memoJson);
    return memo && { kind: 'acknowledged', accountId: memo.accountId, version: memo.version };
  }
  if (kind === CLAIM_DISPUTED.kind) {
    const memo = parseMemo(CLAIM_DISPUTED, memoJson);
    return memo && { kind: 'disputed', accountId: memo.accountId };
  }
  const memo =
    kind === DISPUTE_ADJUSTED.kind
      ? parseMemo(DISPUTE_ADJUSTED, memoJson)
      : parseMemo(DISPUTE_REJECTED, memoJson);
  return (
    memo && {
      kind: kind === DISPUTE_ADJUSTED.kind ? 'adjusted' : 'rejected',
      accountId: memo.accountId,
      disputeId: memo.disputeId,
    }
  );
}

/**
 * claim_status and disputes decide who may be paid (acknowledged at the current version, no open
 * dispute): both are recomputed from the ledger's claim events and compared. Returns the first
 * difference, or null.
 */
export function claimEventsProblem(sqlite: Database.Database): string | null {
  const fold = foldClaimEvents(sqlite);
  if (fold.unreadable) return fold.unreadable;
  const check = new ClaimStateCheck(fold);
  const stored = sqlite
    .prepare(
      'SELECT account_id, status, acknowledged_version FROM claim_status ORDER BY account_id',
    )
    .raw()
    .iterate() as IterableIterator<ClaimStatusRow>;
  for (const row of stored) {
    const problem = check.claimStatus(row);
    if (problem) return problem;
  }
  const missing = check.claimStatusEnd();
  if (missing) return missing;
  const disputes = sqlite
    .prepare('SELECT id, account_id, status, opened_tx_seq FROM disputes ORDER BY id')
    .raw()
    .iterate() as IterableIterator<DisputeRow>;
  for (const row of disputes) {
    const problem = check.dispute(row);
    if (problem) return problem;
  }
  return check.disputesEnd();
}

/** A claim_status row: account_id, status, acknowledged_version. */
export type ClaimStatusRow = [string, string, string | null];
/** A disputes row: id, account_id, status, opened_tx_seq. */
export type DisputeRow = [number, string, string, number];

/**
 * The stored claim states and disputes held to the claim events' fold, row by row: claim_status
 * in account order, then disputes in id order. Each step gives the first difference, or null.
 */
export class ClaimStateCheck {
  private readonly seen = new Set<string>();
  private disputes = 0;

  constructor(private readonly fold: ClaimEventFold) {}

  claimStatus([accountId, status, acknowledgedVersion]: ClaimStatusRow): string | null {
    this.seen.add(accountId);
    const expected = this.fold.status.get(accountId) ?? {
      status: 'open',
      acknowledgedVersion: null,
    };
    if (status !== expected.status || acknowledgedVersion !== expected.acknowledgedVersion)
      return `claim_status of ${accountId}: stored ${status} (acknowledged ${acknowledgedVersion ?? 'never'}), the ledger gives ${expected.status} (acknowledged ${expected.acknowledgedVersion ?? 'never'})`;
    return null;
  }

  claimStatusEnd(): string | null {
    for (const [accountId, expected] of this.fold.status) {
      if (!this.seen.has(accountId))
        return `claim_status of ${accountId}: no row, the ledger gives ${expected.status}`;
    }
    return null;
  }

  dispute([id, accountId, status, openedSeq]: DisputeRow): string | null {
    this.disputes += 1;
    if (this.fold.disputesOpened.get(openedSeq) !== accountId)
      return `dispute #${id} of ${accountId}: the ledger has no dispute of this account at #${openedSeq}`;
    const expected = this.fold.disputesResolved.get(id) ?? 'open';
    if (status !== expected)
      return `dispute #${id} of ${accountId}: stored ${status}, the ledger gives ${expected}`;
    return null;
  }

  disputesEnd(): string | null {
    const opened = this.fold.disputesOpened.size;
    return this.disputes === opened
      ? null
      : `disputes: ${this.disputes} stored, the ledger opened ${opened}`;
  }
}
