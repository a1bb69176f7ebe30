import type Database from 'better-sqlite3';
import { missingTriggers } from '@/db/triggers';
import { claimOfPaidSql, PAID_LIKE } from './accounts';
import { ChainWalk, type PostingRow } from './chain-walk';
import { compareUtf8 } from './utf8-order';
import {
  assetFiguresProblem,
  claimEventsProblem,
  payoutItemsProblem,
} from './verify-stored-figures';
import { runInWorker } from '@/lib/workers/ts-worker';
import { cleanChainCounts, UNITS, type TxRow } from './verify-chain-batched';
import { projectionMatchesPostings } from './verify-projection-difference';
import {
  badUnits,
  Findings,
  overpaidMessage,
  projectionMessages,
  result,
  triggersProblem,
  type CheckName,
  type VerifyResult,
} from './verify-result';

export type { CheckName, VerifyResult } from './verify-result';

type ChainCounts = { transactions: number; postings: number; clean: boolean };

/** Pass 1: every transaction balances and chains to the one before it; batched while clean. */
function verifyChain(sqlite: Database.Database, findings: Findings): ChainCounts {
  const clean = cleanChainCounts(sqlite);
  if (clean) return { ...clean, clean: true };
  return { ...walkChain(sqlite, findings), clean: false };
}

/** Pass 1 posting by posting, in posting order: names the first thing that is wrong. */
function walkChain(sqlite: Database.Database, findings: Findings) {
  const txs = sqlite
    .prepare(
      `SELECT seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, first_posting_id, posting_count
       FROM ledger_transactions ORDER BY seq`,
    )
    .raw()
    .iterate() as IterableIterator<TxRow>;
  const postings = sqlite
    .prepare('SELECT id, tx_seq, account, asset, amount_units FROM ledger_postings ORDER BY id')
    .raw()
    .iterate() as IterableIterator<PostingRow>;
  const walk = new ChainWalk(findings);
  let pending = postings.next();
  for (const row of txs) {
    walk.begin(row);
    for (; !pending.done && walk.takes(pending.value[1]); pending = postings.next())
      walk.posting(pending.value);
    walk.end();
  }
  for (; !pending.done; pending = postings.next()) walk.orphan(pending.value);
  return { transactions: walk.transactions, postings: walk.postings };
}

/** One (account, asset)'s postings summed; most have one posting, whose text is then the sum. */
class Sum {
  private units: bigint | null = null;

  constructor(
    readonly account: string,
    readonly asset: string,
    private text: string,
  ) {}

  add(text: string): void {
    this.units = (this.units ?? BigInt(this.text)) + BigInt(text);
  }

  /** The sum as `bigint.toString()` writes it. */
  total(): string {
    if (this.units !== null) {
      this.text = this.units.toString();
      this.units = null;
    }
    return this.text;
  }
}

/** Postings summed per (account, asset), in the projection's key order, streamed. */
function* recomputedBalances(sqlite: Database.Database, findings: Findings): Generator<Sum> {
  const rows = sqlite
    .prepare('SELECT account, asset, amount_units FROM ledger_postings ORDER BY account, asset')
    .raw()
    .iterate() as IterableIterator<[string, string, string]>;
  let current: Sum | null = null;
  for (const [account, asset, stored] of rows) {
    // A malformed amount is reported once and counts as nothing.
    const units = UNITS.test(stored)
      ? stored
      : badUnits(stored, `posting of ${account}/${asset}`, findings);
    if (current && current.account === account && current.asset === asset) {
      current.add(units);
    } else {
      if (current) yield current;
      current = new Sum(account, asset, units);
    }
  }
  if (current) yield current;
}

/**
 * Pass 2: the balance projection equals the postings. After a clean chain every amount is
 * canonical, and SQLite's set difference of the two leaves only the keys to sum here; otherwise,
 * or when they differ, the full merge finds and names the difference.
 */
function verifyProjection(
  sqlite: Database.Database,
  findings: Findings,
  chainClean: boolean,
): void {
  if (chainClean && projectionMatchesPostings(sqlite)) return;
  mergeProjection(sqlite, findings);
}

/** The projection merged with the postings summed, in (account, asset) order. */
function mergeProjection(sqlite: Database.Database, findings: Findings): void {
  const projected = sqlite
    .prepare('SELECT account, asset, units FROM ledger_balances ORDER BY account, asset')
    .raw()
    .iterate() as IterableIterator<[string, string, string]>;
  const recomputed = recomputedBalances(sqlite, findings);
  let p = projected.next();
  let r = recomputed.next();
  while (!p.done || !r.done) {
    const order = p.done
      ? 1
      : r.done
        ? -1
        : compareUtf8(p.value[0], r.value.account) || compareUtf8(p.value[1], r.value.asset);
    if (order === 0 && !p.done && !r.done) {
      if (p.value[2] !== r.value.total()) {
        findings.fail(
          'projection',
          projectionMessages.differs(p.value[0], p.value[1], p.value[2], r.value.total()),
        );
      }
      p = projected.next();
      r = recomputed.next();
    } else if (order < 0 && !p.done) {
      if (p.value[2] !== '0')
        findings.fail(
          'projection',
          projectionMessages.noPostings(p.value[0], p.value[1], p.value[2]),
        );
      p = projected.next();
    } else if (!r.done) {
      if (r.value.total() !== '0')
        findings.fail(
          'projection',
          projectionMessages.noRow(r.value.account, r.value.asset, r.value.total()),
        );
      r = recomputed.next();
    }
  }
}

/** Stored figures others decide or display from: asset totals, approved batches' lines, claim states. */
function verifyStoredFigures(sqlite: Database.Database, findings: Findings): void {
  const problem =
    assetFiguresProblem(sqlite) ?? payoutItemsProblem(sqlite) ?? claimEventsProblem(sqlite);
  if (problem) findings.fail('projection', problem);
}

/** No account was ever paid more than it is owed, per asset. */
function verifyNoOverpay(sqlite: Database.Database, findings: Findings): void {
  const rows = sqlite
    .prepare(
      `SELECT p.account, p.asset, p.units, c.units FROM ledger_balances p
       LEFT JOIN ledger_balances c ON c.account = ${claimOfPaidSql('p.account')} AND c.asset = p.asset
       WHERE p.account LIKE ? ORDER BY p.account, p.asset`,
    )
    .raw()
    .iterate(PAID_LIKE) as IterableIterator<[string, string, string, string | null]>;
  for (const [account, asset, paid, owed] of rows) {
    if (BigInt(paid) > BigInt(owed ?? '0')) {
      findings.fail('noOverpay', overpaidMessage(account, asset, paid, owed ?? '0'));
    }
  }
}

function triggerFindings(sqlite: Database.Database, findings: Findings): void {
  triggersProblem(findings, missingTriggers(sqlite));
}

/** The newest transaction: what pins two readers to the same state of the ledger. */
export function lastSeq(sqlite: Database.Database): number {
  return (
    (sqlite
      .prepare('SELECT coalesce(max(seq), 0) FROM ledger_transactions')
      .pluck()
      .get() as number) ?? 0
  );
}

/** The recomputations a second reader can take: the balance projection, the other stored figures. */
export type ProjectionPart = 'balances' | 'figures';

/**
 * Recomputations of verify (projection, stored figures, no-overpayment), for a second reader.
 * `chainClean`: whether the chain was found clean, or (on a second reader) is taken to be.
 */
export function verifyProjections(
  sqlite: Database.Database,
  chainClean: boolean,
  parts: readonly ProjectionPart[] = ['balances', 'figures'],
): {
  problems: Partial<Record<CheckName, string>>;
  seq: number;
} {
  const findings = new Findings();
  const seq = sqlite.transaction(() => {
    const pinned = lastSeq(sqlite);
    if (parts.includes('balances')) verifyProjection(sqlite, findings, chainClean);
    if (parts.includes('figures')) verifyStoredFigures(sqlite, findings);
    if (parts.includes('balances')) verifyNoOverpay(sqlite, findings);
    return pinned;
  })();
  return { problems: findings.problems, seq };
}

/** Recomputes everything the ledger claims from its postings; reads only, in one snapshot. */
export function verifyLedger(sqlite: Database.Database): VerifyResult {
  const findings = new Findings();
  triggerFindings(sqlite, findings);
  const counts = sqlite.transaction(() => {
    const { clean, ...chain } = verifyChain(sqlite, findings);
    verifyProjection(sqlite, findings, clean);
    verifyStoredFigures(sqlite, findings);
    verifyNoOverpay(sqlite, findings);
    return chain;
  })();
  return result(findings.problems, counts);
}

/**
 * The same checks as verifyLedger, with the recomputations on two more connections in worker
 * threads (the balance projection on one, the other stored figures on the other) while this one
 * walks the chain: all read the ledger as of the same last transaction, or the recomputation is
 * redone here. The workers take the chain to be clean; when it is not, the recomputation is
 * redone here too, so the problems named are verifyLedger's. Command line only (workers load tsx).
 */
export async function verifyLedgerInParallel(sqlite: Database.Database): Promise<VerifyResult> {
  const findings = new Findings();
  triggerFindings(sqlite, findings);
  sqlite.exec('BEGIN');
  try {
    const seq = lastSeq(sqlite);
    const start = (part: ProjectionPart) =>
      runInWorker<ReturnType<typeof verifyProjections>>('lib/ledger/verify-worker.ts', {
        file: sqlite.name,
        part,
      });
    const others = [start('balances'), start('figures')];
    const { clean, ...counts } = verifyChain(sqlite, findings);
    const [balances, figures] = await Promise.all(others);
    const pinned = balances!.seq === seq && figures!.seq === seq;
    // A projection problem of the balances comes before one of the other figures, as in verifyLedger.
    const projections =
      pinned && clean
        ? { ...figures!.problems, ...balances!.problems }
        : verifyProjections(sqlite, clean).problems;
    return result({ ...projections, ...findings.problems }, counts);
  } finally {
    sqlite.exec('COMMIT');
  }
}
