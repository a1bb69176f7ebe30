import type Database from 'better-sqlite3';
import type { BatchItem } from './batch-store';

/** Which eligible lines a batch takes: all, one asset, and/or a list of accounts. */
export type BatchFilter = { asset?: string | null; accountIds?: readonly string[] | null };

/**
 * Lines that may be paid now: the claim is acknowledged at its current version, no dispute is
 * open, something is outstanding and the line is in no live batch. Read from the claim-state
 * projection, so the caller recounts queued accounts first. Amount = the whole outstanding.
 */
export function eligibleLines(
  sqlite: Database.Database,
  filter: BatchFilter,
  limit: number,
): BatchItem[] {
  const rows = filter.accountIds?.length
    ? eligibleForAccounts(sqlite, filter.accountIds, filter.asset ?? null, limit)
    : (sqlite
        .prepare(
          `SELECT account_id, asset, units FROM claim_state_lines
           WHERE status = 'acknowledged' AND live = 0 ${filter.asset ? 'AND asset = @asset' : ''}
           ORDER BY asset, account_id LIMIT @limit`,
        )
        .raw()
        .all(filter.asset ? { asset: filter.asset, limit } : { limit }) as [
        string,
        string,
        string,
      ][]);
  return rows.map(([accountId, asset, units]) => ({
    accountId,
    asset,
    amountUnits: BigInt(units),
  }));
}

function eligibleForAccounts(
  sqlite: Database.Database,
  accountIds: readonly string[],
  asset: string | null,
  limit: number,
): [string, string, string][] {
  const byAccount = sqlite
    .prepare(
      `SELECT account_id, asset, units FROM claim_state_lines
       WHERE account_id = ? AND status = 'acknowledged' AND live = 0 ORDER BY asset`,
    )
    .raw();
  const rows: [string, string, string][] = [];
  for (const accountId of [...new Set(accountIds)].sort()) {
    for (const row of byAccount.all(accountId) as [string, string, string][]) {
      if (asset && row[1] !== asset) continue;
      if (rows.length >= limit) return rows;
      rows.push(row);
    }
  }
  return rows;
}

export type EligibleSummary = { asset: string; decimals: number; lines: number; units: bigint }[];

/** Per-asset count and total of eligible lines, from the projection's totals (no line scan). */
export function eligibleSummary(sqlite: Database.Database): EligibleSummary {
  const rows = sqlite
    .prepare(
      `SELECT t.asset, a.decimals, t.lines, t.units FROM claim_state_totals t
       JOIN assets a ON a.asset = t.asset
       WHERE t.status = 'acknowledged' AND t.live = 0 AND t.lines > 0 ORDER BY t.asset`,
    )
    .all() as { asset: string; decimals: number; lines: number; units: string }[];
  return rows.map((r) => ({ ...r, units: BigInt(r.units) }));
}
