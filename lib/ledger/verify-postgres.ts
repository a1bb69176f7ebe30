import { sql } from 'drizzle-orm';
import { rows, type Database, type Query } from '@/db/database';
import { missingPgTriggersOf, PRESENT_PG_TRIGGERS } from '@/db/triggers';
import { claimOfPaidSql, PAID_LIKE } from './accounts';
import { ChainWalk, type PostingRow } from './chain-walk';
import { keysetPages, PAGE_ROWS } from './keyset-pages';
import { compareUtf8 } from './utf8-order';
import { cleanChainCountsPostgres, transactionRows, txRow } from './verify-chain-batched-postgres';
import {
  badUnits,
  Findings,
  overpaidMessage,
  projectionMessages,
  result,
  triggersProblem,
  type VerifyResult,
} from './verify-result';
import { storedFiguresProblem } from './verify-stored-figures-postgres';

// verify on PostgreSQL: the checks of verify.ts, read in one REPEATABLE READ snapshot and
// streamed in pages taken by key: the postings, transactions and balances are never all in
// memory. What grows with the data is the claim-event check's record of each account with a
// claim event, as on SQLite (a few dozen bytes per such account). Amounts come as the
// text of numeric(78,0), which is always canonical; NaN, the one other value the column holds,
// is named as SQLite names any amount that is not an integer count of units.

type Posting = { id: number; tx_seq: number; account: string; asset: string; units: string };

const postingRow = (p: Posting): PostingRow => [p.id, p.tx_seq, p.account, p.asset, p.units];

/** Pass 1 posting by posting, in seq and id order, as verify.ts's walk: names the first problem. */
async function walkChain(q: Query, findings: Findings) {
  const txs = transactionRows(q);
  const postings = keysetPages<Posting>(
    q,
    (after) => sql`SELECT id, tx_seq, account, asset, amount_units::text AS units
                   FROM ledger_postings ${after ? sql`WHERE id > ${after.id}` : sql``}
                   ORDER BY id LIMIT ${PAGE_ROWS}`,
  );
  const walk = new ChainWalk(findings);
  let pending = await postings.next();
  for await (const tx of txs) {
    walk.begin(txRow(tx));
    for (; !pending.done && walk.takes(pending.value.tx_seq); pending = await postings.next())
      walk.posting(postingRow(pending.value));
    walk.end();
  }
  for (; !pending.done; pending = await postings.next()) walk.orphan(postingRow(pending.value));
  return { transactions: walk.transactions, postings: walk.postings };
}

type Balance = { account: string; asset: string; units: string };
type Summed = Balance & { bad: string | null };

// The first page too is bounded by key: without a bound the planner sums the whole table first.
const afterKey = (after: Balance | null) =>
  after
    ? sql`WHERE (account, asset) > (${after.account}, ${after.asset})`
    : sql`WHERE (account, asset) >= ('', '')`;

/**
 * Pass 2: the projection merged with the postings summed per (account, asset), both in key
 * order (the database sorts bytewise, as compareUtf8). The sums are numeric, exact; a NaN
 * posting is named and counts as nothing, as SQLite counts an amount it cannot read.
 */
async function mergeProjection(q: Query, findings: Findings): Promise<void> {
  const projected = keysetPages<Balance>(
    q,
    (after) => sql`SELECT account, asset, units::text AS units FROM ledger_balances
                   ${afterKey(after)} ORDER BY account, asset LIMIT ${PAGE_ROWS}`,
  );
  const recomputed = keysetPages<Summed>(
    q,
    (after) => sql`SELECT account, asset,
                          sum(CASE WHEN amount_units = 'NaN' THEN 0 ELSE amount_units END)::text AS units,
                          min(CASE WHEN amount_units = 'NaN' THEN 'NaN' END) AS bad
                   FROM ledger_postings ${afterKey(after)}
                   GROUP BY account, asset ORDER BY account, asset LIMIT ${PAGE_ROWS}`,
  );
  let p = await projected.next();
  let r = await recomputed.next();
  while (!p.done || !r.done) {
    if (!r.done && r.value.bad !== null)
      badUnits(r.value.bad, `posting of ${r.value.account}/${r.value.asset}`, findings);
    const order = p.done
      ? 1
      : r.done
        ? -1
        : compareUtf8(p.value.account, r.value.account) ||
          compareUtf8(p.value.asset, r.value.asset);
    if (order === 0 && !p.done && !r.done) {
      const [{ account, asset, units }, summed] = [p.value, r.value.units];
      if (units !== summed)
        findings.fail('projection', projectionMessages.differs(account, asset, units, summed));
      p = await projected.next();
      r = await recomputed.next();
    } else if (order < 0 && !p.done) {
      const { account, asset, units } = p.value;
      if (units !== '0')
        findings.fail('projection', projectionMessages.noPostings(account, asset, units));
      p = await projected.next();
    } else if (!r.done) {
      const { account, asset, units } = r.value;
      if (units !== '0')
        findings.fail('projection', projectionMessages.noRow(account, asset, units));
      r = await recomputed.next();
    }
  }
}

/**
 * Whether the projection and the postings summed differ anywhere, in one query the database
 * runs on its own (spilling to disk past work_mem, never holding it all). Only after a clean
 * chain: a NaN posting would sum to a NaN that equals a NaN balance, where the merge counts
 * the posting as nothing. A key the merge lets pass (a zero balance without postings) counts as
 * a difference here, and the merge then decides.
 */
async function projectionDiffers(q: Query): Promise<boolean> {
  const [found] = await rows<{ differs: boolean }>(
    q,
    sql`SELECT EXISTS (
          SELECT 1 FROM ledger_balances b
          FULL JOIN (SELECT account, asset, sum(amount_units) AS units
                     FROM ledger_postings GROUP BY account, asset) s USING (account, asset)
          WHERE b.units IS DISTINCT FROM s.units) AS differs`,
  );
  return found!.differs;
}

/**
 * No account was ever paid more than it is owed, per asset: the first that was, in key order.
 * ILIKE: SQLite's LIKE ignores ASCII case, and the database's ctype C folds ASCII only.
 */
async function verifyNoOverpay(q: Query, findings: Findings): Promise<void> {
  const overpaid = await rows<{ account: string; asset: string; paid: string; owed: string }>(
    q,
    sql`SELECT p.account, p.asset, p.units::text AS paid, coalesce(c.units, 0)::text AS owed
        FROM ledger_balances p
        LEFT JOIN ledger_balances c
          ON c.account = ${sql.raw(claimOfPaidSql('p.account'))} AND c.asset = p.asset
        WHERE p.account ILIKE ${PAID_LIKE} AND p.units > coalesce(c.units, 0)
        ORDER BY p.account, p.asset LIMIT 1`,
  );
  for (const { account, asset, paid, owed } of overpaid)
    findings.fail('noOverpay', overpaidMessage(account, asset, paid, owed));
}

/** Recomputes everything the ledger claims from its postings; reads only, in one snapshot. */
export async function verifyPostgres(database: Database): Promise<VerifyResult> {
  const findings = new Findings();
  const present = await rows<{ name: string }>(database.read, sql.raw(PRESENT_PG_TRIGGERS));
  triggersProblem(findings, missingPgTriggersOf(present.map((t) => t.name)));
  const counts = await database.snapshot(async (q) => {
    const clean = await cleanChainCountsPostgres(q);
    const chain = clean ?? (await walkChain(q, findings));
    if (!clean || (await projectionDiffers(q))) await mergeProjection(q, findings);
    const figures = await storedFiguresProblem(q);
    if (figures) findings.fail('projection', figures);
    await verifyNoOverpay(q, findings);
    return chain;
  });
  return result(findings.problems, counts);
}
