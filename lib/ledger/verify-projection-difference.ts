import type Database from 'better-sqlite3';
import { UNITS } from './verify-chain-batched';
import { compareUtf8 } from './utf8-order';

type Key = [string, string];

/** Differing keys summed one by one at most; beyond this the full merge is the cheaper way. */
export const MAX_DIFFERING_KEYS = 100_000;

const BALANCES = 'SELECT account, asset, units FROM ledger_balances';
const POSTINGS = 'SELECT account, asset, amount_units FROM ledger_postings';

const unmatched = (sqlite: Database.Database, rows: string, others: string) =>
  sqlite.prepare(`SELECT account, asset FROM (${rows} EXCEPT ${others} ORDER BY 1, 2, 3)`).raw();

/**
 * The (account, asset) keys where the balance projection and the postings differ as sets of
 * (account, asset, units) rows, both ways, each a merge of two index scans inside SQLite. A key
 * outside both lists has one balance row whose units equal every one of its postings.
 */
function differingKeys(sqlite: Database.Database): Key[] | null {
  const unmatchedBalances = unmatched(sqlite, BALANCES, POSTINGS);
  const unmatchedPostings = unmatched(sqlite, POSTINGS, BALANCES);
  const keys: Key[] = [];
  for (const statement of [unmatchedBalances, unmatchedPostings]) {
    for (const key of statement.iterate() as IterableIterator<Key>) {
      if (keys.length === MAX_DIFFERING_KEYS) return null;
      keys.push(key);
    }
  }
  keys.sort((a, b) => compareUtf8(a[0], b[0]) || compareUtf8(a[1], b[1]));
  return keys.filter((k, i) => i === 0 || k[0] !== keys[i - 1]![0] || k[1] !== keys[i - 1]![1]);
}

function prepareKeyReads(sqlite: Database.Database) {
  return {
    amounts: sqlite
      .prepare('SELECT amount_units FROM ledger_postings WHERE account = ? AND asset = ?')
      .pluck(),
    balance: sqlite
      .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
      .pluck(),
  };
}

/** One key recomputed as verify's merge would: its postings summed, against its balance row. */
function keyIsClean(
  reads: ReturnType<typeof prepareKeyReads>,
  [account, asset]: Key,
): { clean: boolean; postings: number; balanceRows: number } {
  const amounts = reads.amounts.iterate(account, asset) as IterableIterator<string>;
  let postings = 0;
  let text = '0';
  let sum = 0n;
  for (const units of amounts) {
    postings += 1;
    if (!UNITS.test(units)) return { clean: false, postings, balanceRows: 0 };
    sum += BigInt(units);
    text = postings === 1 ? units : sum.toString();
  }
  const balance = reads.balance.get(account, asset) as string | undefined;
  return { clean: (balance ?? '0') === text, postings, balanceRows: balance === undefined ? 0 : 1 };
}

/**
 * Whether the balance projection equals the postings summed per (account, asset), when every
 * posting amount is canonical (a clean chain has checked each). Only the keys where the two
 * differ as sets are summed in JavaScript; the rest have one posting each, which the counts of
 * rows confirm. False means verify's full merge has to find and name the difference.
 */
export function projectionMatchesPostings(sqlite: Database.Database): boolean {
  let postingsLeft = sqlite.prepare('SELECT count(*) FROM ledger_postings').pluck().get() as number;
  let balancesLeft = sqlite.prepare('SELECT count(*) FROM ledger_balances').pluck().get() as number;
  // Balance keys are distinct, so if each balance row has a posting equal to it and there are
  // as many postings as rows, every key has exactly that one posting: half the scans.
  if (postingsLeft === balancesLeft && unmatched(sqlite, BALANCES, POSTINGS).get() === undefined)
    return true;
  const keys = differingKeys(sqlite);
  if (keys === null) return false;
  const reads = prepareKeyReads(sqlite);
  for (const key of keys) {
    const { clean, postings, balanceRows } = keyIsClean(reads, key);
    if (!clean) return false;
    postingsLeft -= postings;
    balancesLeft -= balanceRows;
  }
  // Each remaining key has one balance row and at least one posting equal to it: exactly one.
  return postingsLeft === balancesLeft;
}
