import type Database from 'better-sqlite3';
import { missingTriggers } from '@/db/triggers';
import { canonicalJson, GENESIS_HASH, payloadHash, PostingsDigest, transactionHash } from './hash';
import { compareUtf8 } from './utf8-order';
import {
  assetFiguresProblem,
  claimEventsProblem,
  payoutItemsProblem,
} from './verify-stored-figures';
import { runInWorker } from '@/lib/workers/ts-worker';
import { cleanChainCounts, UNITS, type TxRow } from './verify-chain-batched';
import { projectionMatchesPostings } from './verify-projection-difference';

export type CheckName = 'triggers' | 'balanced' | 'chain' | 'projection' | 'noOverpay';

export type VerifyResult = {
  ok: boolean;
  /** The first problem found, naming the transaction, posting or projection row. */
  firstProblem: string | null;
  checks: Record<CheckName, boolean>;
  problems: Partial<Record<CheckName, string>>;
  transactions: number;
  postings: number;
};

type PostingRow = [number, number, string, string, string];

class Findings {
  readonly problems: Partial<Record<CheckName, string>> = {};
  first: string | null = null;

  fail(check: CheckName, message: string): void {
    this.problems[check] ??= message;
    this.first ??= message;
  }
}

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
  let pending = postings.next();
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let transactions = 0;
  let postingCount = 0;

  for (const row of txs) {
    const [seq, key, kind, storedPayload, memo, actor, createdAt, prevHash, storedHash] = row;
    const [firstPostingId, storedCount] = [row[9], row[10]];
    transactions += 1;
    if (seq !== expectedSeq)
      findings.fail('chain', `transaction ${seq}: expected sequence number ${expectedSeq}`);
    if (prevHash !== expectedPrev)
      findings.fail(
        'chain',
        `transaction ${seq}: previous hash does not match transaction ${seq - 1}`,
      );
    const digest = new PostingsDigest();
    const sums = new Map<string, bigint>();
    let firstSeen: number | null = null;
    while (!pending.done && pending.value[1] <= seq) {
      const [id, txSeq, account, asset, units] = pending.value;
      postingCount += 1;
      if (txSeq !== seq) {
        findings.fail(
          'chain',
          `posting ${id}: says it belongs to transaction ${txSeq} but was written with transaction ${seq}`,
        );
      } else {
        firstSeen ??= id;
        const amount = parseUnits(units, `posting ${id}`, findings);
        // The stored text itself: a non-canonical amount ("-0", "007") then fails the hash too.
        digest.addText(account, asset, units);
        sums.set(asset, (sums.get(asset) ?? 0n) + amount);
      }
      pending = postings.next();
    }
    for (const [asset, sum] of sums) {
      if (sum !== 0n)
        findings.fail(
          'balanced',
          `transaction ${seq} (${kind}): ${asset} postings sum to ${sum}, not 0`,
        );
    }
    let memoJson = memo;
    try {
      memoJson = canonicalJson(JSON.parse(memo));
    } catch {
      findings.fail('chain', `transaction ${seq}: memo is not valid JSON`);
    }
    const payload = payloadHash(kind, memoJson, digest.hex());
    if (payload !== storedPayload)
      findings.fail(
        'chain',
        `transaction ${seq} (${kind}): contents do not match its payload hash`,
      );
    const hash = transactionHash({
      seq,
      idempotencyKey: key,
      kind,
      payloadHash: storedPayload,
      actor,
      createdAt,
      prevHash,
      firstPostingId,
      postingCount: storedCount,
    });
    if (firstSeen !== firstPostingId || digest.count !== storedCount) {
      findings.fail(
        'chain',
        `transaction ${seq} (${kind}): has ${digest.count} postings from id ${firstSeen}, its row says ${storedCount} from id ${firstPostingId}`,
      );
    }
    if (hash !== storedHash)
      findings.fail('chain', `transaction ${seq} (${kind}): header does not match its hash`);
    expectedPrev = storedHash;
    expectedSeq = seq + 1;
  }
  for (; !pending.done; pending = postings.next()) {
    postingCount += 1;
    findings.fail(
      'chain',
      `posting ${pending.value[0]}: belongs to no transaction (says transaction ${pending.value[1]})`,
    );
  }
  return { transactions, postings: postingCount };
}

function badUnits(text: string, where: string, findings: Findings): '0' {
  findings.fail('chain', `${where}: amount "${text}" is not an integer count of units`);
  return '0';
}

function parseUnits(text: string, where: string, findings: Findings): bigint {
  if (UNITS.test(text)) return BigInt(text);
  badUnits(text, where, findings);
  return 0n;
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
          `balance of ${p.value[0]} in ${p.value[1]}: projection says ${p.value[2]}, postings sum to ${r.value.total()}`,
        );
      }
      p = projected.next();
      r = recomputed.next();
    } else if (order < 0 && !p.done) {
      if (p.value[2] !== '0')
        findings.fail(
          'projection',
          `balance of ${p.value[0]} in ${p.value[1]}: projection says ${p.value[2]}, there are no postings`,
        );
      p = projected.next();
    } else if (!r.done) {
      if (r.value.total() !== '0')
        findings.fail(
          'projection',
          `balance of ${r.value.account} in ${r.value.asset}: postings sum to ${r.value.total()}, projection has no row`,
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
       LEFT JOIN ledger_balances c ON c.account = 'claim:' || substr(p.account, 6) AND c.asset = p.asset
       WHERE p.account LIKE 'paid:%'`,
    )
    .raw()
    .iterate() as IterableIterator<[string, string, string, string | null]>;
  for (const [account, asset, paid, owed] of rows) {
    if (BigInt(paid) > BigInt(owed ?? '0')) {
      findings.fail(
        'noOverpay',
        `${account.slice(5)} was paid ${paid} ${asset} units but is owed ${owed ?? '0'}`,
      );
    }
  }
}

const CHECK_ORDER = ['triggers', 'chain', 'balanced', 'projection', 'noOverpay'] as const;

function result(
  problems: Partial<Record<CheckName, string>>,
  counts: { transactions: number; postings: number },
): VerifyResult {
  const checks = Object.fromEntries(CHECK_ORDER.map((c) => [c, !problems[c]])) as Record<
    CheckName,
    boolean
  >;
  const firstProblem = CHECK_ORDER.map((c) => problems[c]).find(Boolean) ?? null;
  return { ok: firstProblem === null, firstProblem, checks, problems, ...counts };
}

function triggerFindings(sqlite: Database.Database, findings: Findings): void {
  const missing = missingTriggers(sqlite);
  if (missing.length > 0)
    findings.fail('triggers', `append-only triggers missing: ${missing.join(', ')}`);
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
