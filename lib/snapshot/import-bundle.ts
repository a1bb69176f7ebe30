import { SqliteError } from 'better-sqlite3';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { PROGRAM } from '@/lib/ledger/accounts';
import { systemActor } from '@/lib/ledger/actor';
import { checkMemo, SNAPSHOT_IMPORTED, type MemoOf } from '@/lib/ledger/vocabulary';
import { findByIdempotencyKey, LedgerWriter } from '@/lib/ledger/writer';
import { formatDust } from '@/lib/money';
import { AccountEmails, emailUsedMessage } from './account-emails';
import { BalanceSink, type AssetTotals } from './balance-sink';
import { dropIndexesOfEmptyTables, rebuildIndexes } from './bulk-indexes';
import { hashBundleFiles } from './bundle-hash';
import { Problems } from './problems';
import { readBundle, type BundleAsset } from './read-bundle';
import { readBundleInWorker } from './read-bundle-in-worker';
import type { AccountRow } from './rows';

type BundleReading = Awaited<ReturnType<typeof readBundle>>;

export type ImportResult =
  | {
      status: 'imported';
      bundleHash: string;
      txSeq: number;
      accounts: number;
      lines: number;
      warnings: string;
    }
  | { status: 'already-imported'; bundleHash: string };

/**
 * The import's steps, in order. Rows are validated and written in one streaming pass, so
 * `validate and write` is one phase; `index` sorts the indexes the load skipped; `commit` makes
 * it durable.
 */
export const IMPORT_PHASES = ['validate and write', 'index', 'commit'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export type ImportOptions = {
  dir: string;
  /** The process that imports (`cli`, `demo`, `test`): the ledger names it `system:<actor>`. */
  actor: string;
  onProgress?: (done: number, total: number) => void;
  /** Called as each phase starts. */
  onPhase?: (phase: ImportPhase) => void;
  /** Parse on a worker thread (command line only: the worker needs the tsx loader). */
  parallel?: boolean;
};

/**
 * Page cache for the import's one transaction, within the 512 MB memory budget: measured at
 * 1,000,000 accounts, 192 MiB took the whole command to 602 MB (the proof root is built in the
 * same process after the import, on top of what the import left allocated), 128 MiB to between
 * 478 and 506 MB from one run to the next, 64 MiB to 413 MB with the write phase no slower: the
 * tables fill in key order, so the cache need only hold the right edge of each B-tree. (MB here
 * as the benchmark reports peak RSS: MiB.)
 */
const IMPORT_CACHE_KIB = 64 * 1024;
const INDEX_CACHE_KIB = 32 * 1024;

/**
 * Imports a snapshot bundle all or nothing: every row is validated and written inside one
 * database transaction, and any error rolls all of it back. The first import is the only one:
 * the same bundle again is a no-op, a different one is refused.
 */
export async function importBundle(db: Db, options: ImportOptions): Promise<ImportResult> {
  const sqlite = db.$client;
  options.onPhase?.('validate and write');
  const expected = await hashBundleFiles(options.dir);
  const existing = sqlite.prepare('SELECT bundle_hash FROM snapshots LIMIT 1').pluck().get() as
    string | undefined;
  const prior = priorImport(existing, expected);
  if (prior) return prior;

  // A larger page cache keeps the B-trees being filled in memory until commit.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB * -1}`);
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const dropped = dropIndexesOfEmptyTables(sqlite);
    const result = await writeBundle(db, options, expected);
    options.onPhase?.('index');
    // The index sort uses up to cache_size of memory on top of the cache: shrink the cache first
    // (its dirty pages spill to the WAL) so the import's peak stays within its memory budget.
    sqlite.pragma(`cache_size = ${INDEX_CACHE_KIB * -1}`);
    rebuildIndexes(sqlite, dropped);
    options.onPhase?.('commit');
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

async function writeBundle(
  db: Db,
  options: ImportOptions,
  expectedHash: string | null,
): Promise<ImportResult> {
  const sqlite = db.$client;
  const problems = new Problems();
  const idempotencyKey = SNAPSHOT_IMPORTED.key(expectedHash);
  const actor = systemActor(options.actor);
  if (findByIdempotencyKey(sqlite, idempotencyKey)) throw alreadyInLedger();
  const ledger = new LedgerWriter(sqlite, {
    idempotencyKey,
    kind: SNAPSHOT_IMPORTED.kind,
    actor,
  });
  const insertAccount = sqlite.prepare(
    'INSERT INTO accounts (id, email, display_name) VALUES (?, ?, ?)',
  );
  let assets: ReadonlyMap<string, BundleAsset> = new Map();
  let accounts = 0;
  const emails = new AccountEmails(sqlite);

  const onAccount = (row: AccountRow, line: number) => {
    const firstLine = emails.use(row.email, line);
    if (firstLine !== null) {
      problems.error('accounts.csv', line, emailUsedMessage(row.email, firstLine));
      return;
    }
    const ok = insertOrReport(
      problems,
      'accounts.csv',
      line,
      () => insertAccount.run(row.accountId, row.email, row.displayName),
      {
        SQLITE_CONSTRAINT_PRIMARYKEY: duplicateAccountMessage(row.accountId),
        SQLITE_CONSTRAINT_UNIQUE: `duplicate email "${row.email}"`,
      },
    );
    if (ok) accounts += 1;
  };

  const balances = new BalanceSink(sqlite, ledger, problems, () => assets);

  const read = options.parallel ? readBundleInWorker : readBundle;
  const reading = await read(options.dir, {
    problems,
    onAssets: (table) => {
      assets = table;
    },
    onAccount,
    onBalance: (row, line) => balances.add(row, line),
    onProgress: options.onProgress,
  });
  balances.flush();
  emails.drop();
  if (problems.hasErrors || !reading.manifest)
    throw new AppError('import_failed', problems.format());
  if (reading.bundleHash !== expectedHash) throw bundleChanged();

  const insertAsset = sqlite.prepare(
    `INSERT INTO assets (asset, name, decimals, chains, usd_price, coverage, snapshot_units, initial_claim_units, dust, accounts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const records = assetRecords(reading.assets, balances.totals);
  for (const record of records) {
    ledger.post(PROGRAM.snapshot, record.asset, -BigInt(record.initialClaimUnits));
    insertAsset.run(...assetRow(record));
  }
  const memo = snapshotMemo(reading.manifest, reading, {
    accounts,
    lines: balances.lines,
    records,
  });
  // Before the transaction row is chained; the caller's rollback takes the postings with it.
  checkMemo(SNAPSHOT_IMPORTED, memo, actor);
  const appended = ledger.commit(memo);
  sqlite
    .prepare(
      'INSERT INTO snapshots (program, snapshot_at, coverage, bundle_hash, files, imported_at, tx_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      memo.program,
      memo.snapshotAt,
      memo.coverage,
      memo.bundleHash,
      JSON.stringify(memo.files),
      new Date().toISOString(),
      appended.seq,
    );
  recordAudit(db, SNAPSHOT_IMPORTED.audit, {
    actorEmail: options.actor,
    subject: `bundle:${reading.bundleHash}`,
    detail: { txSeq: appended.seq, accounts, lines: balances.lines, assets: reading.assets.size },
  });
  return {
    status: 'imported',
    bundleHash: reading.bundleHash,
    txSeq: appended.seq,
    accounts,
    lines: balances.lines,
    warnings: problems.formatWarnings(),
  };
}

/** What an earlier import decides: the same bundle again is a no-op, a different one is refused. */
export function priorImport(
  existing: string | undefined,
  expected: string | null,
): ImportResult | null {
  if (existing && expected && existing === expected)
    return { status: 'already-imported', bundleHash: existing };
  if (existing) {
    throw new AppError(
      'conflict',
      `A different snapshot (bundle ${existing.slice(0, 12)}…) is already imported and its claims are open; it cannot be replaced.`,
    );
  }
  return null;
}

export const alreadyInLedger = () =>
  new AppError('conflict', 'This snapshot was already recorded in the ledger.');

export const bundleChanged = () =>
  new AppError(
    'import_failed',
    'The bundle files changed while they were being imported; nothing was written.',
  );

export const duplicateAccountMessage = (accountId: string) => `duplicate account_id "${accountId}"`;

/** An asset's row as the import writes it, its totals fixed. */
export type AssetRecord = {
  asset: string;
  name: string;
  decimals: number;
  chains: string;
  usdPrice: string | null;
  coverage: string;
  snapshotUnits: string;
  initialClaimUnits: string;
  dust: string;
  accounts: number;
  /** The dust, when there is any: the memo lists only those assets. */
  hasDust: boolean;
};

/** Every asset of the bundle with the totals of its balance lines, in assets.csv order. */
export function assetRecords(
  assets: ReadonlyMap<string, BundleAsset>,
  totals: ReadonlyMap<string, AssetTotals>,
): AssetRecord[] {
  return [...assets.values()].map((asset) => {
    const t = totals.get(asset.asset) ?? {
      snapshotUnits: 0n,
      claimUnits: 0n,
      remainders: 0n,
      accounts: 0,
    };
    return {
      asset: asset.asset,
      name: asset.name,
      decimals: asset.decimals,
      chains: asset.chains.join('|'),
      usdPrice: asset.usdPrice?.text ?? null,
      coverage: asset.coverage.text,
      snapshotUnits: t.snapshotUnits.toString(),
      initialClaimUnits: t.claimUnits.toString(),
      dust: formatDust(t.remainders, asset.decimals, asset.coverage.scale),
      accounts: t.accounts,
      hasDust: t.remainders !== 0n,
    };
  });
}

/** The values of the assets row, in the column order both engines' inserts use. */
export function assetRow(r: AssetRecord) {
  return [
    r.asset,
    r.name,
    r.decimals,
    r.chains,
    r.usdPrice,
    r.coverage,
    r.snapshotUnits,
    r.initialClaimUnits,
    r.dust,
    r.accounts,
  ] as const;
}

/** The snapshot import's memo, chained with its transaction. */
export function snapshotMemo(
  manifest: NonNullable<BundleReading['manifest']>,
  reading: Pick<BundleReading, 'bundleHash' | 'files' | 'assets'>,
  counts: { accounts: number; lines: number; records: readonly AssetRecord[] },
): MemoOf<typeof SNAPSHOT_IMPORTED> {
  return {
    program: manifest.program,
    snapshotAt: manifest.snapshotAt,
    coverage: manifest.coverage.text,
    coverageOverrides: Object.fromEntries(
      [...manifest.coverageOverrides].map(([a, c]) => [a, c.text]),
    ),
    bundleHash: reading.bundleHash,
    files: Object.fromEntries(
      Object.entries(reading.files).map(([name, f]) => [name, { sha256: f.sha256, rows: f.rows }]),
    ),
    accounts: counts.accounts,
    lines: counts.lines,
    assets: reading.assets.size,
    dust: Object.fromEntries(counts.records.filter((r) => r.hasDust).map((r) => [r.asset, r.dust])),
  };
}

/** Runs one insert; a constraint violation becomes a `file:line` error instead of an exception. */
function insertOrReport(
  problems: Problems,
  file: string,
  line: number,
  insert: () => unknown,
  messages: Partial<Record<string, string>>,
): boolean {
  try {
    insert();
    return true;
  } catch (error) {
    const message = error instanceof SqliteError ? messages[error.code] : undefined;
    if (!message) throw error;
    problems.error(file, line, message);
    return false;
  }
}
