import type Database from 'better-sqlite3';
import { getClaim } from '@/lib/claims/get-claim';

/**
 * The claim-state projection: per (account, asset), the outstanding units of a claim that is
 * acknowledged at its current version or disputed, and whether the line sits in a live payout
 * batch; per (asset, status, live) its totals. Reconciliation reads the totals (a few hundred
 * rows, whatever the number of accounts) and payout creation reads the acknowledged, not-live
 * lines. Every writer of claim_status queues the account through a trigger; recounting an account
 * replaces its lines and moves the totals by the difference, inside the caller's transaction. The
 * claimant steps and dispute resolutions recount their account themselves; whatever else is
 * queued (a row written behind them) is recounted by a verification run or a new payout batch,
 * never by a page.
 */

export type ClaimStateStatus = 'acknowledged' | 'disputed';

export type ClaimStateLine = {
  accountId: string;
  asset: string;
  status: ClaimStateStatus;
  live: 0 | 1;
  units: bigint;
};

type StoredLine = {
  accountId: string;
  asset: string;
  status: ClaimStateStatus;
  live: 0 | 1;
  units: string;
};

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    linesOf: sqlite.prepare(
      'SELECT account_id AS accountId, asset, status, live, units FROM claim_state_lines WHERE account_id = ?',
    ),
    deleteLines: sqlite.prepare('DELETE FROM claim_state_lines WHERE account_id = ?'),
    deleteLine: sqlite.prepare('DELETE FROM claim_state_lines WHERE account_id = ? AND asset = ?'),
    insertLine: sqlite.prepare(
      'INSERT INTO claim_state_lines (account_id, asset, status, live, units) VALUES (?, ?, ?, ?, ?)',
    ),
    lineAt: sqlite.prepare(
      'SELECT account_id AS accountId, asset, status, live, units FROM claim_state_lines WHERE account_id = ? AND asset = ?',
    ),
    updateLine: sqlite.prepare(
      'UPDATE claim_state_lines SET live = ?, units = ? WHERE account_id = ? AND asset = ?',
    ),
    openDispute: sqlite
      .prepare("SELECT 1 FROM disputes WHERE account_id = ? AND status = 'open' LIMIT 1")
      .pluck(),
    liveAssets: sqlite
      .prepare('SELECT asset FROM payout_items WHERE account_id = ? AND live = 1')
      .pluck(),
    total: sqlite.prepare(
      'SELECT lines, units FROM claim_state_totals WHERE asset = ? AND status = ? AND live = ?',
    ),
    upsertTotal: sqlite.prepare(
      `INSERT INTO claim_state_totals (asset, status, live, lines, units) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (asset, status, live) DO UPDATE SET lines = excluded.lines, units = excluded.units`,
    ),
    deleteTotal: sqlite.prepare(
      'DELETE FROM claim_state_totals WHERE asset = ? AND status = ? AND live = ?',
    ),
    dirty: sqlite.prepare('SELECT account_id FROM claim_state_dirty LIMIT ?').pluck(),
    dirtyCount: sqlite.prepare('SELECT count(*) FROM claim_state_dirty').pluck(),
    clearDirty: sqlite.prepare('DELETE FROM claim_state_dirty WHERE account_id = ?'),
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

function assertInTransaction(sqlite: Database.Database): void {
  if (!sqlite.inTransaction) throw new Error('claim states change only inside a transaction');
}

/** Differences to the per-asset totals, gathered in memory and written once. */
class TotalsDelta {
  private readonly deltas = new Map<string, { lines: number; units: bigint }>();

  add(line: Omit<ClaimStateLine, 'accountId'>, sign: 1 | -1): void {
    const key = `${line.asset}\t${line.status}\t${line.live}`;
    const delta = this.deltas.get(key) ?? { lines: 0, units: 0n };
    delta.lines += sign;
    delta.units += sign === 1 ? line.units : -line.units;
    this.deltas.set(key, delta);
  }

  flush(sqlite: Database.Database): void {
    const s = statements(sqlite);
    for (const [key, delta] of this.deltas) {
      if (delta.lines === 0 && delta.units === 0n) continue;
      const [asset, status, liveText] = key.split('\t') as [string, ClaimStateStatus, string];
      const live = Number(liveText);
      const current = s.total.get(asset, status, live) as
        { lines: number; units: string } | undefined;
      const lines = (current?.lines ?? 0) + delta.lines;
      const units = BigInt(current?.units ?? '0') + delta.units;
      if (lines < 0 || units < 0n)
        throw new Error(`claim state totals of ${asset} (${status}) would turn negative`);
      if (lines === 0 && units === 0n) s.deleteTotal.run(asset, status, live);
      else s.upsertTotal.run(asset, status, live, lines, units.toString());
    }
    this.deltas.clear();
  }
}

const toLine = (row: StoredLine): ClaimStateLine => ({ ...row, units: BigInt(row.units) });

/** What the account's lines should be now, from its claim, disputes and live payout items. */
export function expectedClaimState(sqlite: Database.Database, accountId: string): ClaimStateLine[] {
  const s = statements(sqlite);
  const claim = getClaim(sqlite, accountId);
  if (!claim) return [];
  const disputed = claim.status === 'disputed' || s.openDispute.get(accountId) !== undefined;
  const status: ClaimStateStatus | null = disputed
    ? 'disputed'
    : claim.status === 'acknowledged'
      ? 'acknowledged'
      : null;
  if (!status) return [];
  const live = new Set(s.liveAssets.all(accountId) as string[]);
  return claim.lines
    .filter((line) => line.outstandingUnits > 0n)
    .map((line) => ({
      accountId,
      asset: line.asset,
      status,
      live: live.has(line.asset) ? 1 : 0,
      units: line.outstandingUnits,
    }));
}

export function storedClaimState(sqlite: Database.Database, accountId: string): ClaimStateLine[] {
  return (statements(sqlite).linesOf.all(accountId) as StoredLine[]).map(toLine);
}

/** Recounts one account (call it in the transaction that changed its claim or status). */
export function recountClaimState(sqlite: Database.Database, accountId: string): void {
  assertInTransaction(sqlite);
  const s = statements(sqlite);
  const totals = new TotalsDelta();
  for (const line of storedClaimState(sqlite, accountId)) totals.add(line, -1);
  s.deleteLines.run(accountId);
  for (const line of expectedClaimState(sqlite, accountId)) {
    s.insertLine.run(accountId, line.asset, line.status, line.live, line.units.toString());
    totals.add(line, 1);
  }
  totals.flush(sqlite);
  s.clearDirty.run(accountId);
}

/**
 * Recounts accounts whose status changed since they were last counted, at most `limit` of them;
 * returns how many are still queued. Opens its own transaction when the caller has none.
 */
export function drainClaimStateQueue(
  sqlite: Database.Database,
  options: { limit?: number } = {},
): number {
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const s = statements(sqlite);
  const drain = () => {
    for (const accountId of s.dirty.all(limit) as string[]) recountClaimState(sqlite, accountId);
    return s.dirtyCount.get() as number;
  };
  if (sqlite.inTransaction) return drain();
  if ((s.dirtyCount.get() as number) === 0) return 0;
  return sqlite.transaction(drain).immediate();
}

export function queuedClaimStates(sqlite: Database.Database): number {
  return statements(sqlite).dirtyCount.get() as number;
}

/** Puts lines into a live batch or takes them out; lines without a claim state are skipped. */
export function setClaimStateLive(
  sqlite: Database.Database,
  lines: Iterable<{ accountId: string; asset: string }>,
  live: 0 | 1,
): void {
  assertInTransaction(sqlite);
  const s = statements(sqlite);
  const totals = new TotalsDelta();
  for (const { accountId, asset } of lines) {
    const row = s.lineAt.get(accountId, asset) as StoredLine | undefined;
    if (!row || row.live === live) continue;
    const line = toLine(row);
    totals.add(line, -1);
    totals.add({ ...line, live }, 1);
    s.updateLine.run(live, row.units, accountId, asset);
  }
  totals.flush(sqlite);
}

/** Records payouts of live lines: their outstanding falls by the amount paid, and they leave the batch. */
export function applyPaidToClaimState(
  sqlite: Database.Database,
  paid: Iterable<{ accountId: string; asset: string; amountUnits: bigint }>,
): void {
  assertInTransaction(sqlite);
  const s = statements(sqlite);
  const totals = new TotalsDelta();
  for (const { accountId, asset, amountUnits } of paid) {
    const row = s.lineAt.get(accountId, asset) as StoredLine | undefined;
    if (!row) continue;
    const line = toLine(row);
    const units = line.units - amountUnits;
    totals.add(line, -1);
    if (units > 0n) {
      totals.add({ ...line, live: 0, units }, 1);
      s.updateLine.run(0, units.toString(), accountId, asset);
    } else {
      s.deleteLine.run(accountId, asset);
    }
  }
  totals.flush(sqlite);
}
