import type pg from 'pg';
import { LEDGER_LOCK } from '@/db/database';
import type { PgDb } from '@/db/postgres';
import { auditDetailJson } from '@/lib/audit/audit-actions';
import { AppError } from '@/lib/errors';
import { claimAccount, PROGRAM } from '@/lib/ledger/accounts';
import { systemActor } from '@/lib/ledger/actor';
import { GENESIS_HASH, PostingsDigest } from '@/lib/ledger/hash';
import { checkMemo, SNAPSHOT_IMPORTED } from '@/lib/ledger/vocabulary';
import { sealTransaction } from '@/lib/ledger/writer';
import { emailUsedMessage } from './account-emails';
import {
  countClaim,
  duplicateBalanceMessage,
  unknownAccountMessage,
  type AssetTotals,
} from './balance-sink';
import { hashBundleFiles } from './bundle-hash';
import { CopyWriter } from './copy-writer';
import {
  alreadyInLedger,
  assetRecords,
  assetRow,
  bundleChanged,
  duplicateAccountMessage,
  priorImport,
  snapshotMemo,
  type ImportOptions,
  type ImportResult,
} from './import-bundle';
import { MAX_KEPT_PROBLEMS, Problems } from './problems';
import { readBundle, type BundleAsset } from './read-bundle';

// The first import on PostgreSQL: the same validation, claims, ledger transaction and errors as
// importBundle on SQLite, in one database transaction. Accounts and balance lines stream into
// temporary tables by COPY, each with its line number; the duplicates and unknown accounts SQLite
// finds row by row through its constraints are found there by set queries, then everything is
// copied into the real tables by INSERT … SELECT. Memory stays bounded whatever the bundle's
// size: COPY's backpressure pauses the reader.

/**
 * Imports a snapshot bundle into PostgreSQL, all or nothing. Takes the ledger's lock, so no
 * other server appends while the import's transaction is chained.
 */
export async function importBundleToPostgres(
  db: PgDb,
  options: Omit<ImportOptions, 'parallel'>,
): Promise<ImportResult> {
  options.onPhase?.('validate and write');
  const expected = await hashBundleFiles(options.dir);
  const client = await db.$client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
    const existing = await client.query<{ bundle_hash: string }>(
      'SELECT bundle_hash FROM snapshots LIMIT 1',
    );
    const prior = priorImport(existing.rows[0]?.bundle_hash, expected);
    if (prior) {
      await client.query('ROLLBACK');
      return prior;
    }
    const result = await writeBundle(client, options, expected);
    options.onPhase?.('commit');
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function writeBundle(
  client: pg.PoolClient,
  options: Omit<ImportOptions, 'parallel'>,
  expectedHash: string | null,
): Promise<ImportResult> {
  const idempotencyKey = SNAPSHOT_IMPORTED.key(expectedHash);
  const header = {
    idempotencyKey,
    kind: SNAPSHOT_IMPORTED.kind,
    actor: systemActor(options.actor),
  };
  const known = await client.query('SELECT 1 FROM ledger_transactions WHERE idempotency_key = $1', [
    idempotencyKey,
  ]);
  if (known.rowCount) throw alreadyInLedger();
  const head = await client.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1',
  );
  const seq = (head.rows[0]?.seq ?? 0) + 1;
  const prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
  const lastPosting = await client.query<{ id: number }>(
    'SELECT coalesce(max(id), 0) AS id FROM ledger_postings',
  );
  const firstId = lastPosting.rows[0]!.id + 1;

  await client.query(`CREATE TEMP TABLE import_accounts
    (line integer NOT NULL, id text NOT NULL, email text NOT NULL, display_name text) ON COMMIT DROP`);
  await client.query(`CREATE TEMP TABLE import_lines
    (line integer NOT NULL, account_id text NOT NULL, asset text NOT NULL,
     balance_units numeric(78,0) NOT NULL, ledger_account text NOT NULL,
     claim_units numeric(78,0)) ON COMMIT DROP`);

  const problems = new Problems();
  const digest = new PostingsDigest();
  const sums = new Map<string, bigint>();
  const totals = new Map<string, AssetTotals>();
  let assets: ReadonlyMap<string, BundleAsset> = new Map();
  let lines = 0;
  let postings = 0;
  // One COPY at a time on a connection: accounts.csv is read whole before balances.csv.
  const copies: { accounts: CopyWriter | null; lines: CopyWriter | null } = {
    accounts: CopyWriter.open(
      client,
      'COPY import_accounts (line, id, email, display_name) FROM STDIN',
    ),
    lines: null,
  };
  const openLines = async (): Promise<CopyWriter> => {
    if (copies.lines) return copies.lines;
    const accounts = copies.accounts;
    copies.accounts = null;
    await accounts?.end();
    copies.lines = CopyWriter.open(
      client,
      'COPY import_lines (line, account_id, asset, balance_units, ledger_account, claim_units) FROM STDIN',
    );
    return copies.lines;
  };

  let reading: Awaited<ReturnType<typeof readBundle>>;
  try {
    reading = await readBundle(options.dir, {
      problems,
      onAssets: (table) => {
        assets = table;
      },
      onAccount: (row, line) =>
        copies.accounts!.row([line, row.accountId, row.email, row.displayName]),
      onBalance: async (row, line) => {
        const copy = await openLines();
        const asset = assets.get(row.asset);
        // Once anything is wrong the import will be rolled back: keep checking, stop computing.
        let claim: bigint | null = null;
        if (asset && !problems.hasErrors) {
          claim = countClaim(totals, row, asset);
          if (claim !== 0n) {
            digest.add(claimAccount(row.accountId), row.asset, claim);
            sums.set(row.asset, (sums.get(row.asset) ?? 0n) + claim);
            postings += 1;
          }
          lines += 1;
        }
        await copy.row([
          line,
          row.accountId,
          row.asset,
          row.balanceUnits.toString(),
          claimAccount(row.accountId),
          claim === null ? null : claim.toString(),
        ]);
      },
      onProgress: options.onProgress,
    });
    await (await openLines()).end();
  } catch (error) {
    // A COPY left open would hold the connection: the rollback could never be sent.
    await Promise.all([copies.accounts?.abort(), copies.lines?.abort()]);
    throw error;
  }

  await findSetProblems(client, problems);
  if (problems.hasErrors || !reading.manifest)
    throw new AppError('import_failed', problems.format());
  if (reading.bundleHash !== expectedHash) throw bundleChanged();

  // Checked once over the loaded set rather than row by row (the checks above already passed):
  // this transaction holds the tables alone until it commits, as the first import may.
  for (const { drop } of BUILT_AFTER_LOAD) await client.query(drop);
  const accounts = await client.query(
    'INSERT INTO accounts (id, email, display_name) SELECT id, email, display_name FROM import_accounts ORDER BY line',
  );
  await client.query(
    `INSERT INTO snapshot_lines (account_id, asset, balance_units)
     SELECT account_id, asset, balance_units FROM import_lines ORDER BY line`,
  );
  // Ids in line order: the order the postings were hashed in.
  const posted = await client.query(
    `INSERT INTO ledger_postings (id, tx_seq, account, asset, amount_units)
     SELECT $1 + row_number() OVER (ORDER BY line) - 1, $2, ledger_account, asset, claim_units
       FROM import_lines WHERE claim_units <> 0`,
    [firstId, seq],
  );
  // The digest was taken as the lines streamed in: the stored postings must be exactly those.
  if (posted.rowCount !== postings)
    throw new Error(`import wrote ${posted.rowCount} claim postings but hashed ${postings}`);
  await client.query(
    `INSERT INTO ledger_balances (account, asset, units)
     SELECT ledger_account, asset, claim_units FROM import_lines WHERE claim_units <> 0`,
  );

  for (const { create } of BUILT_AFTER_LOAD) await client.query(create);

  const records = assetRecords(reading.assets, totals);
  for (const record of records) {
    const units = -BigInt(record.initialClaimUnits);
    if (units !== 0n) {
      await client.query(
        'INSERT INTO ledger_postings (id, tx_seq, account, asset, amount_units) VALUES ($1, $2, $3, $4, $5)',
        [firstId + postings, seq, PROGRAM.snapshot, record.asset, units.toString()],
      );
      await client.query(
        'INSERT INTO ledger_balances (account, asset, units) VALUES ($1, $2, $3)',
        [PROGRAM.snapshot, record.asset, units.toString()],
      );
      digest.add(PROGRAM.snapshot, record.asset, units);
      sums.set(record.asset, (sums.get(record.asset) ?? 0n) + units);
      postings += 1;
    }
    await client.query(
      `INSERT INTO assets (asset, name, decimals, chains, usd_price, coverage, snapshot_units, initial_claim_units, dust, accounts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [...assetRow(record)],
    );
  }

  const memo = snapshotMemo(reading.manifest, reading, {
    accounts: accounts.rowCount ?? 0,
    lines,
    records,
  });
  checkMemo(SNAPSHOT_IMPORTED, memo, header.actor);
  const row = sealTransaction({
    seq,
    header,
    prevHash,
    digest,
    sums,
    firstPostingId: postings > 0 ? firstId : null,
    memo,
  });
  await client.query(
    `INSERT INTO ledger_transactions
       (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, first_posting_id, posting_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
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
    ],
  );
  await client.query(
    'INSERT INTO snapshots (program, snapshot_at, coverage, bundle_hash, files, imported_at, tx_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      memo.program,
      memo.snapshotAt,
      memo.coverage,
      memo.bundleHash,
      JSON.stringify(memo.files),
      new Date().toISOString(),
      seq,
    ],
  );
  const audit = SNAPSHOT_IMPORTED.audit;
  await client.query(
    'INSERT INTO audit_events (at, action, actor_email, subject, detail) VALUES ($1, $2, $3, $4, $5)',
    [
      new Date().toISOString(),
      audit.action,
      options.actor,
      `bundle:${reading.bundleHash}`,
      auditDetailJson(audit, {
        txSeq: seq,
        accounts: memo.accounts,
        lines,
        assets: reading.assets.size,
      }),
    ],
  );
  return {
    status: 'imported',
    bundleHash: reading.bundleHash,
    txSeq: seq,
    accounts: memo.accounts,
    lines,
    warnings: problems.formatWarnings(),
  };
}

/**
 * What the bulk load fills faster without: the balance lines' foreign key (a lookup per row) and
 * the postings' covering index, each dropped inside the import's transaction and made again, as
 * db/migrations/pg made them, before it commits.
 */
const BUILT_AFTER_LOAD = [
  {
    drop: 'ALTER TABLE snapshot_lines DROP CONSTRAINT snapshot_lines_account_id_accounts_id_fk',
    create:
      'ALTER TABLE snapshot_lines ADD CONSTRAINT snapshot_lines_account_id_accounts_id_fk FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE no action ON UPDATE no action',
  },
  {
    drop: 'DROP INDEX ledger_postings_account',
    create:
      'CREATE INDEX ledger_postings_account ON ledger_postings USING btree (account, asset, amount_units)',
  },
];

/**
 * What SQLite's constraints refuse row by row, found as sets: an email used by an earlier line,
 * a repeated account id, a repeated balance line, a balance of an account that is not imported.
 * Each line gets the one message SQLite would give it; the first MAX_KEPT_PROBLEMS of each kind
 * are kept, and all are counted.
 */
async function findSetProblems(client: pg.PoolClient, problems: Problems): Promise<void> {
  // Temporary tables get no statistics of their own: without them the planner takes a million
  // lines for a few and joins them row by row.
  await client.query('ANALYZE import_accounts');
  await client.query('ANALYZE import_lines');
  // As SQLite sees accounts.csv: every email counts from its first line, whatever became of that
  // account; an account id counts only once an account with it is stored.
  await client.query(`CREATE TEMP TABLE import_account_checks ON COMMIT DROP AS
    WITH by_email AS (
      SELECT line, id, email,
             first_value(line) OVER (PARTITION BY lower(email) ORDER BY line) AS first_line
        FROM import_accounts),
    stored AS (
      SELECT line, line = first_value(line) OVER (PARTITION BY id ORDER BY line) AS kept
        FROM by_email WHERE line = first_line)
    SELECT e.line, e.id, e.email, e.first_line, coalesce(s.kept, false) AS kept
      FROM by_email e LEFT JOIN stored s USING (line)`);
  await client.query('ANALYZE import_account_checks');
  await absorb(
    client,
    problems,
    'accounts.csv',
    'SELECT line, id, email, first_line FROM import_account_checks WHERE NOT kept',
    (row) =>
      row.line !== row.first_line
        ? emailUsedMessage(String(row.email), Number(row.first_line))
        : duplicateAccountMessage(String(row.id)),
  );
  await absorb(
    client,
    problems,
    'balances.csv',
    `SELECT line, account_id, asset, repeated FROM (
       SELECT l.line, l.account_id, l.asset,
              l.line <> first_value(l.line) OVER (PARTITION BY l.account_id, l.asset ORDER BY l.line) AS repeated,
              k.id IS NULL AS unknown
         FROM import_lines l
         LEFT JOIN (SELECT id FROM import_account_checks WHERE kept) k ON k.id = l.account_id) b
     WHERE repeated OR unknown`,
    (row) =>
      row.repeated
        ? duplicateBalanceMessage({ accountId: String(row.account_id), asset: String(row.asset) })
        : unknownAccountMessage(String(row.account_id)),
  );
}

async function absorb(
  client: pg.PoolClient,
  problems: Problems,
  file: string,
  select: string,
  message: (row: Record<string, unknown>) => string,
): Promise<void> {
  // Found once, then counted and the first few read: the window sorts run over every line.
  const table = `import_refused_${file.replace(/\W/g, '_')}`;
  await client.query(`CREATE TEMP TABLE ${table} ON COMMIT DROP AS ${select}`);
  const count = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const total = count.rows[0]!.n;
  if (total === 0) return;
  const kept = await client.query(
    `SELECT * FROM ${table} ORDER BY line LIMIT ${MAX_KEPT_PROBLEMS}`,
  );
  problems.absorb({
    errors: kept.rows.map((row) => `${file}:${Number(row.line)}: ${message(row)}`),
    errorCount: total,
    warnings: [],
    warningCount: 0,
  });
}
