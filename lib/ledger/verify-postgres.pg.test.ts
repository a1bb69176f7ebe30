import type Sqlite from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openAnyDatabase, type Database } from '@/db/database';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { createBatch } from '@/lib/payouts/create-batch';
import {
  acknowledge,
  dispute,
  financeFixture,
  FINANCE_1,
  FINANCE_2,
  requestId,
} from '@/lib/payouts/finance-fixture';
import { generateBundle } from '@/lib/snapshot/generate';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { copySqliteToPostgres } from '@/lib/testing/copy-to-postgres';
import { tempDb } from '@/lib/testing/temp-db';
import { tempPostgres, type TempPostgres } from '@/lib/testing/temp-postgres';
import { claimAccount, paidAccount, PROGRAM } from './accounts';
import { appendTransaction } from './append';
import { PAGE_ROWS } from './keyset-pages';
import { verifyLedger, type CheckName, type VerifyResult } from './verify';
import { verifyDatabase } from './verify-database';

// verify on PostgreSQL is held to verify on SQLite: the same ledger on both engines (built on
// SQLite, copied row for row), the same edit behind the application on both, and the same
// result, down to the words of every problem.

let opened: { server: TempPostgres; database: Database }[] = [];
afterEach(async () => {
  const closing = opened;
  opened = [];
  for (const { server, database } of closing) {
    await database.close();
    await server.drop();
  }
});

type Posting = { account: string; asset: string; amountUnits: bigint };

function append(sqlite: Sqlite.Database, key: string, postings: Posting[]) {
  sqlite.transaction(() =>
    appendTransaction(
      sqlite,
      { idempotencyKey: key, kind: 'test', actor: 'tester', memo: {} },
      postings,
    ),
  )();
}

const owe = (account: string, asset: string, units: bigint): Posting[] => [
  { account: claimAccount(account), asset, amountUnits: units },
  { account: PROGRAM.snapshot, asset, amountUnits: -units },
];

/** The three transactions of ledger.test.ts's tamper cases: a and b owed, a partly paid. */
function owedAndPaid(): Db {
  const db = tempDb();
  append(db.$client, 'k1', owe('a', 'BTC', 100n));
  append(db.$client, 'k2', owe('b', 'BTC', 200n));
  append(db.$client, 'k3', [
    { account: paidAccount('a'), asset: 'BTC', amountUnits: 40n },
    { account: PROGRAM.payouts, asset: 'BTC', amountUnits: -40n },
  ]);
  return db;
}

function twoOwed(second: string): Db {
  const db = tempDb();
  append(db.$client, 'k1', owe('a', 'BTC', 100n));
  append(db.$client, 'k2', owe(second, 'BTC', 100n));
  return db;
}

/** An imported snapshot with claims acknowledged, one disputed, and an approved payout batch. */
async function approvedBatch(): Promise<Db> {
  const db = await financeFixture();
  acknowledge(db, 'acct-a');
  acknowledge(db, 'acct-b');
  const { batchId } = createBatch(db, { requestId: requestId(), actor: FINANCE_1 });
  approveBatch(db, { batchId, actor: FINANCE_2 });
  dispute(db, 'acct-c', 'ETH', '3');
  return db;
}

type Both = { sqlite: Sqlite.Database; server: TempPostgres; database: Database };

async function onBothEngines(db: Db): Promise<Both> {
  const server = await tempPostgres();
  const database = await openAnyDatabase(server.url);
  opened.push({ server, database });
  await copySqliteToPostgres(db.$client, server.db.$client);
  return { sqlite: db.$client, server, database };
}

/**
 * The same statements on both engines, run behind the application: on SQLite with the tables'
 * triggers dropped and then made again, on PostgreSQL as the owner with them disabled and then
 * enabled again.
 */
async function tamper(both: Both, tables: string[], statements: string): Promise<void> {
  const list = tables.map((t) => `'${t}'`).join(', ');
  const triggers = both.sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${list})`)
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) both.sqlite.exec(`DROP TRIGGER ${name}`);
  both.sqlite.exec(statements);
  for (const trigger of triggers) both.sqlite.exec(trigger.sql);
  const toggle = (how: string) =>
    tables.map((t) => `ALTER TABLE ${t} ${how} TRIGGER USER;`).join('');
  await both.server.db.$client.query(
    `BEGIN; ${toggle('DISABLE')} ${statements}; ${toggle('ENABLE')} COMMIT;`,
  );
}

async function verifyBoth(both: Both): Promise<{ sqlite: VerifyResult; postgres: VerifyResult }> {
  return { sqlite: verifyLedger(both.sqlite), postgres: await verifyDatabase(both.database) };
}

/** Both engines find the same problems; `check`'s (the first problem's by default) is `expected`. */
async function expectSameProblem(
  both: Both,
  expected: RegExp,
  check?: CheckName,
): Promise<VerifyResult> {
  const { sqlite, postgres } = await verifyBoth(both);
  expect(sqlite.ok).toBe(false);
  expect(check ? sqlite.problems[check] : sqlite.firstProblem).toMatch(expected);
  expect(postgres.firstProblem).toBe(sqlite.firstProblem);
  expect(postgres).toEqual(sqlite);
  return postgres;
}

describe('verify on PostgreSQL', () => {
  it('passes a clean ledger with the counts SQLite gives', async () => {
    const both = await onBothEngines(owedAndPaid());
    const { sqlite, postgres } = await verifyBoth(both);
    expect(postgres).toEqual(sqlite);
    expect(postgres).toMatchObject({ ok: true, firstProblem: null, transactions: 3, postings: 6 });
  });

  it('passes an imported snapshot with claims, a dispute and an approved batch', async () => {
    const both = await onBothEngines(await approvedBatch());
    const { sqlite, postgres } = await verifyBoth(both);
    expect(sqlite.ok).toBe(true);
    expect(postgres).toEqual(sqlite);
  });

  it('passes a zero balance without postings, which the merge allows and the set difference does not', async () => {
    const both = await onBothEngines(owedAndPaid());
    await tamper(
      both,
      ['ledger_balances'],
      "INSERT INTO ledger_balances (account, asset, units) VALUES ('claim:z', 'BTC', '0')",
    );
    const { sqlite, postgres } = await verifyBoth(both);
    expect(sqlite.ok).toBe(true);
    expect(postgres).toEqual(sqlite);
  });

  it('reports missing triggers first, disabled ones too', async () => {
    const both = await onBothEngines(owedAndPaid());
    const names = ['ledger_transactions', 'ledger_postings'].flatMap((t) => [
      `${t}_no_update`,
      `${t}_no_delete`,
    ]);
    for (const name of names) both.sqlite.exec(`DROP TRIGGER ${name}`);
    for (const name of names)
      await both.server.db.$client.query(
        `ALTER TABLE ${name.replace(/_no_(update|delete)$/, '')} DISABLE TRIGGER ${name}`,
      );
    const result = await expectSameProblem(
      both,
      /^append-only triggers missing: ledger_transactions_no_update, ledger_transactions_no_delete, ledger_postings_no_update, ledger_postings_no_delete$/,
    );
    expect(result.checks.triggers).toBe(false);
  });

  const ledgerEdits: [string, () => Db, string[], string, RegExp, CheckName?][] = [
    [
      'names the transaction whose posting amount was edited',
      owedAndPaid,
      ['ledger_postings'],
      "UPDATE ledger_postings SET amount_units = '250' WHERE tx_seq = 2 AND amount_units = '200'",
      /^transaction 2 \(test\): contents do not match its payload hash$/,
    ],
    [
      'names the transaction whose memo was edited',
      owedAndPaid,
      ['ledger_transactions'],
      `UPDATE ledger_transactions SET memo = '{"note":"forged"}' WHERE seq = 1`,
      /^transaction 1 \(test\): contents do not match/,
    ],
    [
      'finds a deleted transaction',
      owedAndPaid,
      ['ledger_transactions', 'ledger_postings'],
      'DELETE FROM ledger_postings WHERE tx_seq = 2; DELETE FROM ledger_transactions WHERE seq = 2',
      /^transaction 3: expected sequence number 2$/,
    ],
    [
      'finds an inserted posting',
      owedAndPaid,
      ['ledger_postings'],
      "INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES (1, 'claim:a', 'BTC', '0')",
      /^posting 7: says it belongs to transaction 1 but was written with transaction 3$/,
    ],
    [
      'finds a projection that disagrees with the postings',
      owedAndPaid,
      ['ledger_balances'],
      "UPDATE ledger_balances SET units = '999' WHERE account = 'claim:b'",
      /^balance of claim:b in BTC: projection says 999, postings sum to 200$/,
    ],
    [
      'finds a projection equal to each of two postings but not to their sum',
      () => twoOwed('a'),
      ['ledger_balances'],
      "UPDATE ledger_balances SET units = '100' WHERE account = 'claim:a'",
      /^balance of claim:a in BTC: projection says 100, postings sum to 200$/,
    ],
    [
      'finds an amount that is not an integer count of units, and a projection copying it',
      () => twoOwed('b'),
      ['ledger_postings', 'ledger_balances'],
      "UPDATE ledger_postings SET amount_units = 'NaN' WHERE account = 'claim:a'; UPDATE ledger_balances SET units = 'NaN' WHERE account = 'claim:a'",
      /^posting 1: amount "NaN" is not an integer count of units$/,
    ],
    [
      'finds a posting moved to another transaction of the same size',
      () => twoOwed('b'),
      ['ledger_postings'],
      'UPDATE ledger_postings SET tx_seq = 2 WHERE id = 2',
      /^transaction 1 \(test\): contents do not match/,
    ],
    [
      'finds an overpaid account',
      owedAndPaid,
      ['ledger_balances'],
      "UPDATE ledger_balances SET units = '140' WHERE account = 'paid:a'",
      /^a was paid 140 BTC units but is owed 100$/,
      'noOverpay',
    ],
  ];

  for (const [behaviour, build, tables, edit, expected, check] of ledgerEdits) {
    it(`${behaviour}, in SQLite's words`, async () => {
      const both = await onBothEngines(build());
      await tamper(both, tables, edit);
      await expectSameProblem(both, expected, check);
    });
  }

  it('names the balance a NaN amount leaves unexplained, as SQLite names one it cannot read', async () => {
    const both = await onBothEngines(twoOwed('b'));
    await tamper(
      both,
      ['ledger_postings', 'ledger_balances'],
      "UPDATE ledger_postings SET amount_units = 'NaN' WHERE account = 'claim:a'; UPDATE ledger_balances SET units = 'NaN' WHERE account = 'claim:a'",
    );
    const result = await expectSameProblem(both, /NaN/);
    expect(result.problems.balanced).toBe('transaction 1 (test): BTC postings sum to -100, not 0');
    expect(result.problems.projection).toBe(
      'balance of claim:a in BTC: projection says NaN, postings sum to 0',
    );
  });

  it('stores a non-canonical amount as the number it spells, so that edit changes nothing there', async () => {
    const both = await onBothEngines(twoOwed('b'));
    await both.server.db.$client.query(
      "ALTER TABLE ledger_postings DISABLE TRIGGER USER; UPDATE ledger_postings SET amount_units = '0100' WHERE account = 'claim:a'; ALTER TABLE ledger_postings ENABLE TRIGGER USER",
    );
    const { rows } = await both.server.db.$client.query(
      "SELECT amount_units::text AS units FROM ledger_postings WHERE account = 'claim:a'",
    );
    expect(rows).toEqual([{ units: '100' }]);
    expect((await verifyDatabase(both.database)).ok).toBe(true);
  });

  const figureEdits: [string, string[], string, RegExp][] = [
    [
      'names an edited asset total',
      ['assets'],
      "UPDATE assets SET snapshot_units = '1' WHERE asset = 'BTC'",
      /^assets\.snapshot_units of BTC: stored 1, snapshot lines give 475000000$/,
    ],
    [
      'names an edited dust figure of an asset covered in part',
      ['assets'],
      "UPDATE assets SET dust = '0.5' WHERE asset = 'DOGE'",
      /^assets\.dust of DOGE: stored 0\.5, snapshot lines give/,
    ],
    [
      'names a snapshot line in an asset the snapshot does not have',
      ['snapshot_lines'],
      "INSERT INTO snapshot_lines (account_id, asset, balance_units) VALUES ('acct-b', 'XYZ', '5')",
      /^snapshot line in XYZ: the asset is not in assets$/,
    ],
    [
      'names an edited line of an approved batch',
      ['payout_items'],
      "UPDATE payout_items SET amount_units = '1' WHERE account_id = 'acct-a' AND asset = 'BTC'",
      /^payout_items of batch #\d+: they no longer match the lines its approval committed to/,
    ],
    [
      'names an edited claim state',
      ['claim_status'],
      "UPDATE claim_status SET status = 'acknowledged' WHERE account_id = 'acct-c'",
      /^claim_status of acct-c: stored acknowledged .*the ledger gives disputed/,
    ],
  ];

  for (const [behaviour, tables, edit, expected] of figureEdits) {
    it(`${behaviour}, in SQLite's words`, async () => {
      const both = await onBothEngines(await approvedBatch());
      await tamper(both, tables, edit);
      const result = await expectSameProblem(both, expected);
      expect(result.checks).toMatchObject({ chain: true, balanced: true, projection: false });
    });
  }

  it('reads a ledger larger than a page, and names a posting past the first page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-verify-pg-'));
    await generateBundle({ accounts: 8_000, seed: 'verify-pages', outDir: dir });
    const db = tempDb();
    await importBundle(db, { dir, actor: 'test' });
    const both = await onBothEngines(db);
    const clean = await verifyBoth(both);
    expect(clean.postgres.postings).toBeGreaterThan(PAGE_ROWS * 2);
    expect(clean.postgres).toEqual(clean.sqlite);
    expect(clean.postgres.ok).toBe(true);
    await tamper(
      both,
      ['ledger_postings'],
      `UPDATE ledger_postings SET amount_units = '12345' WHERE id = ${PAGE_ROWS * 2 + 5}`,
    );
    await expectSameProblem(both, /^transaction 1 \(.+\): contents do not match its payload hash$/);
  });

  it('on SQLite is verify of the database file', async () => {
    const db = owedAndPaid();
    db.$client.exec("UPDATE ledger_balances SET units = '7' WHERE account = 'claim:a'");
    const database = await openAnyDatabase(`file:${db.$client.name}`);
    try {
      const result = await verifyDatabase(database);
      expect(result.firstProblem).toMatch(/claim:a in BTC: projection says 7/);
      expect(result).toEqual(verifyLedger(db.$client));
      expect(await verifyDatabase(database, { parallel: true })).toEqual(result);
    } finally {
      await database.close();
    }
  });
});
