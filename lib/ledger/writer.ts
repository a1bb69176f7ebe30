import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { canonicalJson, GENESIS_HASH, payloadHash, PostingsDigest, transactionHash } from './hash';

export type TransactionHeader = {
  idempotencyKey: string;
  kind: string;
  actor: string;
};

export type Memo = Record<string, unknown>;

export type Posting = { account: string; asset: string; amountUnits: bigint };

export type Appended = { seq: number; hash: string; payloadHash: string; postings: number };

type Statements = ReturnType<typeof prepare>;

const statementCache = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database) {
  return {
    last: sqlite.prepare('SELECT seq, hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1'),
    byKey: sqlite.prepare(
      'SELECT seq, hash, payload_hash AS payloadHash FROM ledger_transactions WHERE idempotency_key = ?',
    ),
    insertPosting: sqlite.prepare(
      'INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES (?, ?, ?, ?)',
    ),
    insertTx: sqlite.prepare(
      `INSERT INTO ledger_transactions
         (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, first_posting_id, posting_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    balance: sqlite
      .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
      .pluck(),
    insertBalance: sqlite.prepare(
      'INSERT INTO ledger_balances (account, asset, units) VALUES (?, ?, ?)',
    ),
    upsertBalance: sqlite.prepare(
      `INSERT INTO ledger_balances (account, asset, units) VALUES (?, ?, ?)
       ON CONFLICT (account, asset) DO UPDATE SET units = excluded.units`,
    ),
  };
}

/** Rows per multi-row INSERT on the bulk path: fewer statement calls, same B-tree work. */
export const BULK_ROWS = 100;

const rowsOf = (columns: number, rows: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

function prepareBulk(sqlite: Database.Database) {
  return {
    postings: sqlite.prepare(
      `INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES ${rowsOf(4, BULK_ROWS)}`,
    ),
    balances: sqlite.prepare(
      `INSERT INTO ledger_balances (account, asset, units) VALUES ${rowsOf(3, BULK_ROWS)}`,
    ),
  };
}

const bulkCache = new WeakMap<Database.Database, ReturnType<typeof prepareBulk>>();

function statements(sqlite: Database.Database): Statements {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    cached = prepare(sqlite);
    statementCache.set(sqlite, cached);
  }
  return cached;
}

export function findByIdempotencyKey(sqlite: Database.Database, key: string) {
  return statements(sqlite).byKey.get(key) as
    { seq: number; hash: string; payloadHash: string } | undefined;
}

/**
 * Writes one ledger transaction whose postings may be too many to hold in memory: each posting
 * is inserted, hashed and applied to the balance projection as it comes; `commit` checks that
 * every asset sums to zero and then chains the transaction row. Runs inside the caller's
 * database transaction, so a refusal at commit leaves nothing once the caller rolls back.
 */
export class LedgerWriter {
  private readonly stmts: Statements;
  private readonly digest = new PostingsDigest();
  private readonly sums = new Map<string, bigint>();
  readonly seq: number;
  private readonly prevHash: string;
  private firstPostingId: number | null = null;
  /** Fresh postings not yet inserted: fewer than BULK_ROWS, inserted in order before any other. */
  private fresh: Posting[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly header: TransactionHeader,
  ) {
    if (!sqlite.inTransaction)
      throw new Error('LedgerWriter must run inside a database transaction');
    this.stmts = statements(sqlite);
    const last = this.stmts.last.get() as { seq: number; hash: string } | undefined;
    this.seq = (last?.seq ?? 0) + 1;
    this.prevHash = last?.hash ?? GENESIS_HASH;
  }

  /**
   * `fresh`: the caller guarantees the ledger has no balance yet for (account, asset), as the
   * first snapshot import does, so the projection row is inserted without being read first.
   */
  post(account: string, asset: string, amountUnits: bigint, options?: { fresh: true }): void {
    if (amountUnits === 0n) return;
    this.insertPendingFresh();
    const { lastInsertRowid } = this.stmts.insertPosting.run(
      this.seq,
      account,
      asset,
      amountUnits.toString(),
    );
    this.firstPostingId ??= Number(lastInsertRowid);
    this.digest.add(account, asset, amountUnits);
    this.sums.set(asset, (this.sums.get(asset) ?? 0n) + amountUnits);
    if (options?.fresh) this.stmts.insertBalance.run(account, asset, amountUnits.toString());
    else this.applyToProjection(account, asset, amountUnits);
  }

  /**
   * Posts many postings whose (account, asset) the ledger has never seen (the first snapshot
   * import), BULK_ROWS at a time. Same effect as `post(…, { fresh: true })` for each, in order:
   * postings short of a full batch wait for the next call, and are inserted before anything
   * else is posted or the transaction is committed.
   */
  postFresh(postings: readonly Posting[]): void {
    for (const p of postings) if (p.amountUnits !== 0n) this.fresh.push(p);
    if (this.fresh.length < BULK_ROWS) return;
    let bulk = bulkCache.get(this.sqlite);
    if (!bulk) {
      bulk = prepareBulk(this.sqlite);
      bulkCache.set(this.sqlite, bulk);
    }
    let start = 0;
    for (; start + BULK_ROWS <= this.fresh.length; start += BULK_ROWS)
      this.insertBulk(bulk, this.fresh, start);
    this.fresh = this.fresh.slice(start);
  }

  private insertBulk(
    bulk: ReturnType<typeof prepareBulk>,
    postings: readonly Posting[],
    start: number,
  ): void {
    const postingParams: (string | number)[] = [];
    const balanceParams: string[] = [];
    for (let i = start; i < start + BULK_ROWS; i += 1) {
      const p = postings[i] as Posting;
      const units = p.amountUnits.toString();
      postingParams.push(this.seq, p.account, p.asset, units);
      balanceParams.push(p.account, p.asset, units);
      this.digest.add(p.account, p.asset, p.amountUnits);
      this.sums.set(p.asset, (this.sums.get(p.asset) ?? 0n) + p.amountUnits);
    }
    const { lastInsertRowid } = bulk.postings.run(postingParams);
    // Rowids of one multi-row INSERT are consecutive.
    this.firstPostingId ??= Number(lastInsertRowid) - BULK_ROWS + 1;
    bulk.balances.run(balanceParams);
  }

  private insertPendingFresh(): void {
    const pending = this.fresh;
    if (pending.length === 0) return;
    this.fresh = [];
    for (const p of pending) this.post(p.account, p.asset, p.amountUnits, { fresh: true });
  }

  commit(memo: Memo): Appended {
    this.insertPendingFresh();
    const row = sealTransaction({
      seq: this.seq,
      header: this.header,
      prevHash: this.prevHash,
      digest: this.digest,
      sums: this.sums,
      firstPostingId: this.firstPostingId,
      memo,
    });
    this.stmts.insertTx.run(
      row.seq,
      row.idempotencyKey,
      row.kind,
      row.payloadHash,
      row.memo,
      row.actor,
      row.createdAt,
      row.prevHash,
      row.hash,
      row.firstPostingId,
      row.postingCount,
    );
    return {
      seq: row.seq,
      hash: row.hash,
      payloadHash: row.payloadHash,
      postings: row.postingCount,
    };
  }

  private applyToProjection(account: string, asset: string, amountUnits: bigint): void {
    const current = this.stmts.balance.get(account, asset) as string | undefined;
    const next = BigInt(current ?? '0') + amountUnits;
    this.stmts.upsertBalance.run(account, asset, next.toString());
  }
}

/** A ledger transaction's row as it is chained, in the schema's own field names. */
export type SealedTransaction = {
  seq: number;
  idempotencyKey: string;
  kind: string;
  payloadHash: string;
  memo: string;
  actor: string;
  createdAt: string;
  prevHash: string;
  hash: string;
  firstPostingId: number | null;
  postingCount: number;
};

/**
 * The row that chains a transaction whose postings are written, on either engine: refuses one
 * whose postings do not sum to zero in every asset.
 */
export function sealTransaction(input: {
  seq: number;
  header: TransactionHeader;
  prevHash: string;
  digest: PostingsDigest;
  sums: ReadonlyMap<string, bigint>;
  firstPostingId: number | null;
  memo: Memo;
}): SealedTransaction {
  const { header, digest } = input;
  const unbalanced = [...input.sums].filter(([, sum]) => sum !== 0n);
  if (unbalanced.length > 0) {
    const list = unbalanced.map(([asset, sum]) => `${asset} ${sum}`).join(', ');
    throw new AppError('unbalanced', `Transaction ${header.kind} does not balance: ${list}`);
  }
  const memo = canonicalJson(input.memo);
  const payload = payloadHash(header.kind, memo, digest.hex());
  const createdAt = new Date().toISOString();
  const hash = transactionHash({
    seq: input.seq,
    idempotencyKey: header.idempotencyKey,
    kind: header.kind,
    payloadHash: payload,
    actor: header.actor,
    createdAt,
    prevHash: input.prevHash,
    firstPostingId: input.firstPostingId,
    postingCount: digest.count,
  });
  return {
    seq: input.seq,
    idempotencyKey: header.idempotencyKey,
    kind: header.kind,
    payloadHash: payload,
    memo,
    actor: header.actor,
    createdAt,
    prevHash: input.prevHash,
    hash,
    firstPostingId: input.firstPostingId,
    postingCount: digest.count,
  };
}
