import type Database from 'better-sqlite3';
import {
  drainClaimStateQueue,
  expectedClaimState,
  storedClaimState,
  type ClaimStateLine,
} from './claim-states';

export type ClaimStateCheck = { ok: boolean; problem: string | null; accounts: number };

const describe = (line: ClaimStateLine | undefined) =>
  line ? `${line.status}${line.live ? ' in a live batch' : ''} ${line.units}` : 'nothing';

/** Every account that has, or should have, claim-state lines. */
function accountsToCheck(sqlite: Database.Database): IterableIterator<string> {
  return sqlite
    .prepare(
      `SELECT account_id FROM claim_status
       UNION SELECT account_id FROM claim_state_lines
       UNION SELECT account_id FROM disputes WHERE status = 'open'
       UNION SELECT account_id FROM payout_items WHERE live = 1`,
    )
    .pluck()
    .iterate() as IterableIterator<string>;
}

function compareAccount(sqlite: Database.Database, accountId: string): string | null {
  const stored = new Map(storedClaimState(sqlite, accountId).map((l) => [l.asset, l]));
  const expected = new Map(expectedClaimState(sqlite, accountId).map((l) => [l.asset, l]));
  for (const asset of new Set([...stored.keys(), ...expected.keys()])) {
    const s = stored.get(asset);
    const e = expected.get(asset);
    if (s?.status !== e?.status || s?.live !== e?.live || s?.units !== e?.units) {
      return `claim state of ${accountId} in ${asset}: projection says ${describe(s)}, recomputation gives ${describe(e)}`;
    }
  }
  return null;
}

/** The per-asset totals equal the sum of the lines. */
function compareTotals(sqlite: Database.Database): string | null {
  const sums = new Map<string, { lines: number; units: bigint }>();
  const lines = sqlite
    .prepare('SELECT asset, status, live, units FROM claim_state_lines')
    .raw()
    .iterate() as IterableIterator<[string, string, number, string]>;
  for (const [asset, status, live, units] of lines) {
    const key = `${asset} ${status} live=${live}`;
    const sum = sums.get(key) ?? { lines: 0, units: 0n };
    sum.lines += 1;
    sum.units += BigInt(units);
    sums.set(key, sum);
  }
  const totals = sqlite
    .prepare('SELECT asset, status, live, lines, units FROM claim_state_totals')
    .raw()
    .all() as [string, string, number, number, string][];
  for (const [asset, status, live, count, units] of totals) {
    const key = `${asset} ${status} live=${live}`;
    const sum = sums.get(key);
    sums.delete(key);
    if (!sum || sum.lines !== count || sum.units.toString() !== units)
      return `claim state totals of ${key}: projection says ${count} lines, ${units} units; lines sum to ${sum?.lines ?? 0}, ${sum?.units ?? 0n}`;
  }
  const [missing] = sums.keys();
  return missing === undefined ? null : `claim state totals of ${missing}: no total row`;
}

/**
 * Recomputes the claim-state projection from the claims, disputes and payout items and compares;
 * names the first difference. Recounts queued accounts first, so it may write.
 */
export function checkClaimStates(sqlite: Database.Database): ClaimStateCheck {
  drainClaimStateQueue(sqlite);
  return sqlite.transaction(() => {
    let accounts = 0;
    for (const accountId of accountsToCheck(sqlite)) {
      accounts += 1;
      const problem = compareAccount(sqlite, accountId);
      if (problem) return { ok: false, problem, accounts };
    }
    const problem = compareTotals(sqlite);
    return { ok: problem === null, problem, accounts };
  })();
}
