import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { financeFixture } from '@/lib/payouts/finance-fixture';
import { tempDb } from '@/lib/testing/temp-db';
import { claimAccount, PROGRAM } from './accounts';
import { appendTransaction } from './append';
import { GENESIS_HASH, payloadHash, transactionHash } from './hash';
import { verifyLedger, verifyLedgerInParallel } from './verify';

type Sqlite = ReturnType<typeof tempDb>['$client'];
type RawPosting = [account: string, asset: string, units: string];

/**
 * Writes a transaction the way only someone rewriting the ledger could: postings stored as given,
 * hashes recomputed over their bytes so that every hash matches. What is left for verify to find
 * is what the hashes cannot show: sums, amounts, where each posting sits.
 */
function forge(sqlite: Sqlite, postings: RawPosting[]) {
  sqlite.transaction(() => forgeInTransaction(sqlite, postings))();
}

function forgeInTransaction(sqlite: Sqlite, postings: RawPosting[]) {
  const last = sqlite
    .prepare('SELECT seq, hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1')
    .get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const insert = sqlite.prepare(
    'INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES (?, ?, ?, ?)',
  );
  const digest = createHash('sha256');
  let firstPostingId: number | null = null;
  for (const p of postings) {
    const id = Number(insert.run(seq, ...p).lastInsertRowid);
    firstPostingId ??= id;
    digest.update(Buffer.from(`${p.join('\t')}\n`, 'latin1'));
  }
  const header = {
    seq,
    idempotencyKey: `forged-${seq}`,
    kind: 'test',
    payloadHash: payloadHash('test', '{}', digest.digest('hex')),
    actor: 'tester',
    createdAt: '2026-01-01T00:00:00.000Z',
    prevHash: last?.hash ?? GENESIS_HASH,
    firstPostingId,
    postingCount: postings.length,
  };
  sqlite
    .prepare(
      `INSERT INTO ledger_transactions
         (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, first_posting_id, posting_count)
       VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      seq,
      header.idempotencyKey,
      header.kind,
      header.payloadHash,
      header.actor,
      header.createdAt,
      header.prevHash,
      transactionHash(header),
      firstPostingId,
      postings.length,
    );
}

const owe = (account: string, units: bigint) => [
  { account: claimAccount(account), asset: 'BTC', amountUnits: units },
  { account: PROGRAM.snapshot, asset: 'BTC', amountUnits: -units },
];

function ledger() {
  const { $client: sqlite } = tempDb();
  sqlite.transaction(() =>
    appendTransaction(sqlite, { idempotencyKey: 'k1', kind: 'test', actor: 't', memo: {} }, [
      ...owe('a', 100n),
    ]),
  )();
  return sqlite;
}

describe('verify of a ledger rewritten with matching hashes', () => {
  it('names a transaction of many large amounts that is off by one unit', async () => {
    const sqlite = ledger();
    // Summed in one double, the unit is lost once the running sum passes 2^53.
    const big = 999_999_999_998n;
    const run = (units: bigint): RawPosting[] =>
      Array.from({ length: 10_000 }, (_, i) => [claimAccount(`acct-${i}`), 'BTC', `${units}`]);
    forge(sqlite, [[PROGRAM.snapshot, 'BTC', '1'], ...run(big), ...run(-big)]);
    const result = verifyLedger(sqlite);
    expect(result.problems.balanced).toBe('transaction 2 (test): BTC postings sum to 1, not 0');
    expect(result.checks.chain).toBe(true);
    expect(await verifyLedgerInParallel(sqlite)).toEqual(result);
  });

  it('names an amount with a leading zero, hashed as stored', () => {
    const sqlite = ledger();
    forge(sqlite, [
      [claimAccount('b'), 'BTC', '05'],
      [PROGRAM.snapshot, 'BTC', '-5'],
    ]);
    expect(verifyLedger(sqlite).problems.chain).toBe(
      'posting 3: amount "05" is not an integer count of units',
    );
  });

  it('sums by the stored asset, not by what a tab or newline in an account makes the text look like', () => {
    const sqlite = ledger();
    // As joined lines: `claim:b \t BTC \t 5`, then `x \t BTC \t -5`, then `y \t ETH \t 0`.
    forge(sqlite, [
      [claimAccount('b'), 'BTC', '5'],
      ['x\tBTC\t-5\ny', 'ETH', '0'],
    ]);
    const result = verifyLedger(sqlite);
    expect(result.problems.balanced).toBe('transaction 2 (test): BTC postings sum to 5, not 0');
  });

  it('names a posting stored after the last transaction, for a transaction not written', () => {
    const sqlite = ledger();
    forge(sqlite, [
      [claimAccount('b'), 'BTC', '5'],
      [PROGRAM.snapshot, 'BTC', '-5'],
    ]);
    sqlite
      .prepare(
        'INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES (?, ?, ?, ?)',
      )
      .run(3, claimAccount('c'), 'BTC', '0');
    expect(verifyLedger(sqlite).problems.chain).toBe(
      'posting 5: belongs to no transaction (says transaction 3)',
    );
  });

  it('hashes what JavaScript reads of an account that is not UTF-8, not its raw bytes', () => {
    const sqlite = ledger();
    // The account's bytes are hashed raw: only a reader that skips decoding them would agree.
    const account = "CAST(x'ff62' AS TEXT)";
    forge(sqlite, [
      ['\u00ffb', 'BTC', '5'],
      [PROGRAM.snapshot, 'BTC', '-5'],
    ]);
    sqlite.exec('DROP TRIGGER ledger_postings_no_update');
    sqlite.exec(`UPDATE ledger_postings SET account = ${account} WHERE id = 3`);
    expect(verifyLedger(sqlite).problems.chain).toBe(
      'transaction 2 (test): contents do not match its payload hash',
    );
  });

  it('names a projection that holds one of each pair of equal postings', async () => {
    const { $client: sqlite } = tempDb();
    for (const key of ['k1', 'k2'])
      sqlite.transaction(() =>
        appendTransaction(sqlite, { idempotencyKey: key, kind: 'test', actor: 't', memo: {} }, [
          ...owe('a', 100n),
        ]),
      )();
    // Every balance row now equals a posting, with fewer rows than postings.
    sqlite.exec(
      "UPDATE ledger_balances SET units = '100' WHERE account = 'claim:a'; UPDATE ledger_balances SET units = '-100' WHERE account = 'program:snapshot'",
    );
    const result = verifyLedger(sqlite);
    expect(result.problems.projection).toBe(
      'balance of claim:a in BTC: projection says 100, postings sum to 200',
    );
    expect(await verifyLedgerInParallel(sqlite)).toEqual(result);
  });
});

describe('verify of snapshot lines edited behind the application', () => {
  async function edited(sql: string) {
    const db = await financeFixture();
    expect(verifyLedger(db.$client).ok).toBe(true);
    db.$client.exec(`DROP TRIGGER snapshot_lines_no_update; ${sql}`);
    return verifyLedger(db.$client);
  }

  it('names a line in an asset that is not in assets', async () => {
    const result = await edited(
      "INSERT INTO snapshot_lines (account_id, asset, balance_units) VALUES ('acct-a', 'NOPE', '5')",
    );
    expect(result.problems.projection).toBe('snapshot line in NOPE: the asset is not in assets');
  });

  it('names that line first when a later line of a partly covered asset is negative', async () => {
    const result = await edited(
      `INSERT INTO snapshot_lines (account_id, asset, balance_units) VALUES ('acct-a', 'NOPE', '5');
       UPDATE snapshot_lines SET balance_units = '-1' WHERE account_id = 'acct-c' AND asset = 'DOGE'`,
    );
    expect(result.problems.projection).toBe('snapshot line in NOPE: the asset is not in assets');
  });
});
