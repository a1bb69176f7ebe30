import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { expect, test, type Browser } from '@playwright/test';
import { runVerification } from '../support/verification';
import Database from 'better-sqlite3';
import { ClaimPage } from '../claimant/claim-page';
import { ALICE_ACCOUNT } from '../claimant/sessions';
import { extraServerPort, startAppServer } from '../support/app-server';
import { runCli } from '../support/cli';
import { e2eDatabaseFile } from '../support/journey-database';
import { storageStatePath } from '../support/logins';

/** A folder of copies of the journeys' database, apart from the one the main server uses. */
const folder = `data/e2e-${process.env.E2E_PORT ?? 3100}-copies`;
const backupFile = `${folder}/backup.db`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
});

/** Opens a page of a server as the admin whose saved session is in every copy. */
async function adminPage(browser: Browser, origin: string, path: string) {
  const context = await browser.newContext({ storageState: storageStatePath('admin') });
  const page = await context.newPage();
  await page.goto(`${origin}${path}`);
  return page;
}

test('a backup verifies, and the app started on the restored copy serves the same claims', async ({
  browser,
  baseURL,
}) => {
  const backup = runCli(e2eDatabaseFile(), ['backup', backupFile]);
  expect(backup.status, backup.stderr).toBe(0);
  // Restoring (README): the restore command puts the verified backup where DATABASE_URL points.
  const restored = `${folder}/restored.db`;
  const restore = runCli(restored, ['restore', backupFile]);
  expect(restore.status, restore.stderr).toBe(0);
  expect(restore.stdout).toContain('it verifies');
  const verify = runCli(restored, ['verify']);
  expect(verify.status, verify.stderr).toBe(0);
  expect(verify.stdout).toContain('chain intact');

  const server = await startAppServer({ port: extraServerPort(1), databaseFile: restored });
  try {
    const claimant = await browser.newContext({ storageState: storageStatePath('claimant') });
    const [original, copy] = await Promise.all(
      [baseURL!, server.origin].map(async (origin) =>
        (await claimant.request.get(`${origin}/api/claim`)).json(),
      ),
    );
    expect((copy as { accountId: string }).accountId).toBe(ALICE_ACCOUNT);
    expect(copy).toEqual(original);

    const page = await adminPage(browser, server.origin, '/admin/reconciliation');
    await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
    await runVerification(page);
    await expect(
      page.getByRole('status').filter({ hasText: 'Last full verification' }),
    ).toContainText('passed');
  } finally {
    await server.stop();
  }
});

type Sqlite = Database.Database;

/** The ledger's append-only triggers, as written, so a careful forger can put them back. */
function ledgerTriggers(sqlite: Sqlite): { name: string; sql: string }[] {
  return sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'trigger' AND tbl_name IN ('ledger_postings', 'ledger_transactions')`,
    )
    .all() as { name: string; sql: string }[];
}

/**
 * The last transaction that moved money and has a successor (the chain proves what precedes a
 * transaction; the very last one is vouched for by a copy of its hash kept elsewhere).
 */
function lastPostedTransaction(sqlite: Sqlite) {
  return sqlite
    .prepare(
      `SELECT seq, first_posting_id AS first FROM ledger_transactions
        WHERE posting_count > 0 AND seq < (SELECT max(seq) FROM ledger_transactions)
        ORDER BY seq DESC LIMIT 1`,
    )
    .get() as { seq: number; first: number };
}

/**
 * Edits behind the application's back. Each drops the triggers, changes the ledger and puts the
 * triggers back, so only the hash chain can tell; `seq` is the transaction verify must name.
 */
const TAMPERS: { name: string; apply(sqlite: Sqlite): number }[] = [
  {
    name: 'an edited posting amount',
    apply(sqlite) {
      const tx = lastPostedTransaction(sqlite);
      sqlite
        .prepare(
          `UPDATE ledger_postings SET amount_units = CAST(CAST(amount_units AS INTEGER) + 1 AS TEXT)
            WHERE id = ?`,
        )
        .run(tx.first);
      return tx.seq;
    },
  },
  {
    name: 'a deleted transaction',
    apply(sqlite) {
      const tx = lastPostedTransaction(sqlite);
      sqlite.prepare('DELETE FROM ledger_postings WHERE tx_seq = ?').run(tx.seq);
      sqlite.prepare('DELETE FROM ledger_transactions WHERE seq = ?').run(tx.seq);
      return sqlite
        .prepare('SELECT min(seq) FROM ledger_transactions WHERE seq > ?')
        .pluck()
        .get(tx.seq) as number;
    },
  },
  {
    name: 'an inserted payout',
    apply(sqlite) {
      const last = sqlite
        .prepare('SELECT seq, hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number; hash: string };
      const first = Number(
        sqlite.prepare('SELECT coalesce(max(id), 0) + 1 FROM ledger_postings').pluck().get(),
      );
      const seq = last.seq + 1;
      const posting = sqlite.prepare(
        'INSERT INTO ledger_postings (id, tx_seq, account, asset, amount_units) VALUES (?, ?, ?, ?, ?)',
      );
      posting.run(first, seq, `paid:${ALICE_ACCOUNT}`, 'BTC', '1');
      posting.run(first + 1, seq, 'program:payouts', 'BTC', '-1');
      sqlite
        .prepare(
          `INSERT INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor,
             created_at, prev_hash, hash, first_posting_id, posting_count)
           VALUES (?, 'forged', 'payout.batch_executed', ?, '{}', 'finance1@demo.test', ?, ?, ?, ?, 2)`,
        )
        .run(seq, 'a'.repeat(64), new Date().toISOString(), last.hash, 'b'.repeat(64), first);
      return seq;
    },
  },
];

for (const [index, tamper] of TAMPERS.entries()) {
  test(`${tamper.name}, made behind the app's back, fails verify and shows on the reconciliation page`, async ({
    browser,
  }) => {
    const file = `${folder}/tampered-${index}.db`;
    copyFileSync(backupFile, file);
    const sqlite = new Database(file);
    const triggers = ledgerTriggers(sqlite);
    expect(triggers.length).toBe(4);
    for (const { name } of triggers) sqlite.exec(`DROP TRIGGER ${name}`);
    const seq = tamper.apply(sqlite);
    for (const { sql } of triggers) sqlite.exec(sql);
    sqlite.close();

    const verify = runCli(file, ['verify']);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain(`transaction ${seq}`);

    const server = await startAppServer({ port: extraServerPort(2 + index), databaseFile: file });
    try {
      const page = await adminPage(browser, server.origin, '/admin/reconciliation');
      await runVerification(page);
      await expect(
        page.getByRole('status').filter({ hasText: 'Last full verification' }),
      ).toContainText('FAILED');
      const chain = page
        .getByRole('list', { name: 'Reconciliation checks' })
        .getByRole('listitem')
        .filter({ hasText: 'Hash chain intact' });
      await expect(chain).toContainText('FAIL');
      await expect(chain).toContainText(`transaction ${seq}`);
    } finally {
      await server.stop();
    }
  });
}

test('dropped append-only triggers are flagged on the reconciliation page at once', async ({
  browser,
}) => {
  const file = `${folder}/unprotected.db`;
  copyFileSync(backupFile, file);
  const sqlite = new Database(file);
  sqlite.exec('DROP TRIGGER ledger_postings_no_update');
  sqlite.close();
  const server = await startAppServer({ port: extraServerPort(6), databaseFile: file });
  try {
    const page = await adminPage(browser, server.origin, '/admin/reconciliation');
    await expect(
      page.getByRole('alert').filter({ hasText: 'append-only protection' }),
    ).toContainText('ledger_postings_no_update');
  } finally {
    await server.stop();
  }
});

test('payout lines edited between approval and execution are refused at execution and fail verify', async ({
  browser,
}) => {
  const file = `${folder}/payout-lines.db`;
  copyFileSync(backupFile, file);
  const server = await startAppServer({ port: extraServerPort(7), databaseFile: file });
  try {
    const as = async (name: 'claimant' | 'finance1' | 'finance2', path: string) => {
      const context = await browser.newContext({ storageState: storageStatePath(name) });
      const page = await context.newPage();
      await page.goto(`${server.origin}${path}`);
      return page;
    };
    // Alice's claim is never acted on by the other journeys: in this copy she acknowledges it.
    const claim = new ClaimPage(await as('claimant', '/claim'));
    await claim.acknowledge();

    const maker = await as('finance1', '/finance/payouts');
    await maker.getByLabel('Accounts (optional)').fill(ALICE_ACCOUNT);
    await maker.getByRole('button', { name: 'Create batch' }).click();
    await expect(maker).toHaveURL(/\/finance\/payouts\/[0-9]+$/);
    const batchId = Number(new URL(maker.url()).pathname.split('/').pop());
    const checker = await as('finance2', `/finance/payouts/${batchId}`);
    await checker.getByRole('button', { name: 'Approve batch' }).click();
    await expect(checker.getByRole('heading', { level: 1 })).toHaveText(
      `Batch #${batchId} approved`,
    );

    // A line raised by hand, with its table's guard dropped for the edit and put back.
    const sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 10000');
    const guard = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'payout_items_only_end'")
      .pluck()
      .get() as string;
    sqlite.exec('DROP TRIGGER payout_items_only_end');
    sqlite
      .prepare(
        `UPDATE payout_items SET amount_units = CAST(CAST(amount_units AS INTEGER) * 10 AS TEXT)
          WHERE rowid = (SELECT min(rowid) FROM payout_items WHERE batch_id = ?)`,
      )
      .run(batchId);
    sqlite.exec(guard);
    const paid = () =>
      sqlite
        .prepare("SELECT count(*) FROM ledger_transactions WHERE kind = 'payout.batch_executed'")
        .pluck()
        .get() as number;
    const paidBefore = paid();

    await checker.getByRole('button', { name: 'Execute batch' }).click();
    await checker.getByLabel('Reference').fill('0xtampered');
    await checker.getByRole('button', { name: 'Execute batch' }).click();
    await expect(checker.getByRole('alert').filter({ hasText: 'lines are not' })).toContainText(
      `Batch #${batchId}'s lines are not the ones that were approved. Nothing was paid`,
    );
    expect(paid()).toBe(paidBefore);
    sqlite.close();

    const verify = runCli(file, ['verify']);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain(`payout_items of batch #${batchId}`);
  } finally {
    await server.stop();
  }
});
