import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { claimAccount } from '@/lib/ledger/accounts';
import type { Entry } from './encoding';

/** One account's current claim: every asset with a non-zero amount, sorted by asset. */
export type AccountClaim = { accountId: string; lines: Entry[] };

/** Which claims a tree is built from: today's projection, or the ledger as of a transaction. */
export type ClaimSource = { kind: 'current' } | { kind: 'as-of'; txSeq: number };

const PAGE_ROWS = 50_000;
const CLAIM_PREFIX = claimAccount('');
// The first string after every `claim:<id>`: ';' follows ':' in byte order.
const CLAIM_END = 'claim;';

type Row = [account: string, asset: string, units: string];

function pageStatement(sqlite: Database.Database, source: ClaimSource) {
  if (source.kind === 'current') {
    const statement = sqlite
      .prepare(
        `SELECT account, asset, units FROM ledger_balances
         WHERE account >= ? AND account < '${CLAIM_END}' ORDER BY account, asset LIMIT ${PAGE_ROWS}`,
      )
      .raw();
    return (from: string) => statement.all(from) as Row[];
  }
  // The postings as of one transaction, summed per (account, asset) below, never in SQL. The
  // index alone answers.
  const lastId = lastPostingIdAsOf(sqlite, source.txSeq);
  const statement = sqlite
    .prepare(
      `SELECT account, asset, amount_units FROM ledger_postings
       WHERE account >= ? AND account < '${CLAIM_END}' AND id <= ?
       ORDER BY account, asset LIMIT ${PAGE_ROWS}`,
    )
    .raw();
  return (from: string) => statement.all(from, lastId) as Row[];
}

/**
 * The id of the last posting written up to this ledger transaction (0: none). Posting ids grow
 * with the ledger: every posting of a later transaction has a greater id.
 */
function lastPostingIdAsOf(sqlite: Database.Database, txSeq: number): number {
  const lastId = sqlite
    .prepare(
      `SELECT first_posting_id + posting_count - 1 FROM ledger_transactions
       WHERE seq <= ? AND first_posting_id IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    )
    .pluck()
    .get(txSeq) as number | undefined;
  return lastId ?? 0;
}

/**
 * Whether any claim was posted to after this ledger transaction, the claims at that transaction
 * being then exactly today's. Reads only the postings written since (by id, never the account
 * index, which would walk every claim), so it costs what happened since, not the claim count.
 */
export function claimPostedSince(sqlite: Database.Database, txSeq: number): boolean {
  const posted = sqlite
    .prepare(
      `SELECT 1 FROM ledger_postings NOT INDEXED
       WHERE id > ? AND account >= ? AND account < '${CLAIM_END}' LIMIT 1`,
    )
    .get(lastPostingIdAsOf(sqlite, txSeq), CLAIM_PREFIX);
  return posted !== undefined;
}

/**
 * Every account that is owed something, in account order, one account at a time. Reads in
 * pages (never an open cursor), so the caller may write between two accounts, and memory stays
 * bounded whatever the number of accounts. Refuses a negative claim: a sum tree cannot hide it.
 */
export function* accountClaims(
  sqlite: Database.Database,
  source: ClaimSource,
): Generator<AccountClaim> {
  const page = pageStatement(sqlite, source);
  let from = CLAIM_PREFIX;
  for (;;) {
    const rows = page(from);
    const complete = rows.length < PAGE_ROWS;
    const last = rows[rows.length - 1]?.[0];
    // A full page may end inside an account: that account is read again with the next page.
    const upTo = complete ? rows.length : rows.findIndex(([account]) => account === last);
    if (upTo <= 0 && !complete)
      throw new Error(`Account ${last} has more claim rows than one page holds.`);
    yield* groupByAccount(rows.slice(0, upTo));
    if (complete) return;
    from = last as string;
  }
}

function* groupByAccount(rows: readonly Row[]): Generator<AccountClaim> {
  let current = null as { account: string; lines: Entry[] } | null;
  for (const [account, asset, units] of rows) {
    if (current?.account !== account) {
      if (current) yield finish(current);
      current = { account, lines: [] };
    }
    const previous = current.lines[current.lines.length - 1];
    if (previous?.[0] === asset)
      current.lines[current.lines.length - 1] = [asset, previous[1] + BigInt(units)];
    else current.lines.push([asset, BigInt(units)]);
  }
  if (current) yield finish(current);
}

function finish(claim: { account: string; lines: Entry[] }): AccountClaim {
  const accountId = claim.account.slice(CLAIM_PREFIX.length);
  const negative = claim.lines.find(([, units]) => units < 0n);
  if (negative) {
    throw new AppError(
      'conflict',
      `The claim of ${accountId} in ${negative[0]} is negative (${negative[1]} units): it cannot be committed to a sum tree.`,
    );
  }
  return { accountId, lines: claim.lines.filter(([, units]) => units !== 0n) };
}
