import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { tempPostgres, type TempPostgres } from '@/lib/testing/temp-postgres';
import { generateBundle } from './generate';
import { importBundle } from './import-bundle';
import { importBundleToPostgres } from './import-postgres';
import { IMPORT_REFUSALS, removeTestBundles, withExtraLine, writeTestBundle } from './test-bundle';

// The PostgreSQL import is held to the SQLite one: the same rows, the same ledger transaction
// (its payload hash covers every posting, in order) and, for a bad bundle, the same words.

afterAll(removeTestBundles);

let opened: TempPostgres[] = [];
afterEach(async () => {
  await Promise.all(opened.map((server) => server.drop()));
  opened = [];
});

async function postgres(): Promise<TempPostgres> {
  const server = await tempPostgres();
  opened.push(server);
  return server;
}

const TABLES: Record<string, string> = {
  accounts: 'SELECT id, email, display_name FROM accounts ORDER BY id',
  snapshot_lines:
    'SELECT account_id, asset, balance_units FROM snapshot_lines ORDER BY account_id, asset',
  ledger_postings:
    'SELECT id, tx_seq, account, asset, amount_units FROM ledger_postings ORDER BY id',
  ledger_balances: 'SELECT account, asset, units FROM ledger_balances ORDER BY account, asset',
  assets: `SELECT asset, name, decimals, chains, usd_price, coverage, snapshot_units,
                  initial_claim_units, dust, accounts FROM assets ORDER BY asset`,
  ledger_transactions: `SELECT seq, idempotency_key, kind, payload_hash, memo, actor, prev_hash,
                               first_posting_id, posting_count FROM ledger_transactions ORDER BY seq`,
  snapshots: 'SELECT program, snapshot_at, coverage, bundle_hash, files, tx_seq FROM snapshots',
  audit_events: 'SELECT action, actor_email, subject, detail FROM audit_events ORDER BY id',
};

async function pgRows(server: TempPostgres, query: string) {
  return (await server.db.$client.query(query)).rows;
}

async function expectNothingWritten(server: TempPostgres) {
  for (const table of Object.keys(TABLES)) {
    const { rows } = await server.db.$client.query(`SELECT count(*) AS n FROM ${table}`);
    expect(rows[0].n, table).toBe(0);
  }
}

describe('importing a snapshot bundle into PostgreSQL', () => {
  it('writes exactly the rows and the ledger transaction SQLite writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-pg-import-'));
    await generateBundle({ accounts: 400, seed: 'both-engines', outDir: dir });
    const sqlite = tempDb();
    const onSqlite = await importBundle(sqlite, { dir, actor: 'test' });
    const server = await postgres();
    const structure = async () => [
      ...(await pgRows(
        server,
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
      )),
      ...(await pgRows(
        server,
        'SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint ORDER BY conname',
      )),
    ];
    const before = await structure();
    const phases: string[] = [];
    const progress: number[] = [];
    const onPostgres = await importBundleToPostgres(server.db, {
      dir,
      actor: 'test',
      onPhase: (phase) => phases.push(phase),
      onProgress: (done) => progress.push(done),
    });
    expect(onPostgres).toEqual(onSqlite);
    expect(phases).toEqual(['validate and write', 'commit']);
    expect(progress.length).toBeGreaterThan(0);
    // What the load dropped to go faster is back, exactly as the migrations made it.
    expect(await structure()).toEqual(before);
    for (const [table, query] of Object.entries(TABLES)) {
      const lite = sqlite.$client.prepare(query).all();
      expect(lite.length, table).toBeGreaterThan(0);
      expect(await pgRows(server, query), table).toEqual(lite);
    }
  });

  it('is a no-op the second time and refuses a different snapshot', async () => {
    const server = await postgres();
    const dir = await writeTestBundle();
    expect((await importBundleToPostgres(server.db, { dir, actor: 'test' })).status).toBe(
      'imported',
    );
    expect((await importBundleToPostgres(server.db, { dir, actor: 'test' })).status).toBe(
      'already-imported',
    );
    const other = await writeTestBundle({
      'balances.csv': withExtraLine('balances.csv', 'acct-2,BTC,1'),
    });
    await expect(importBundleToPostgres(server.db, { dir: other, actor: 'test' })).rejects.toThrow(
      /cannot be replaced/,
    );
    expect(await pgRows(server, 'SELECT count(*) AS n FROM ledger_transactions')).toEqual([
      { n: 1 },
    ]);
  });

  const sqliteError = async (dir: string) =>
    (await importBundle(tempDb(), { dir, actor: 'test' }).catch((e: Error) => e)) as Error;

  for (const [defect, changes, message] of IMPORT_REFUSALS) {
    it(`refuses ${defect} in SQLite's words and writes nothing`, async () => {
      const dir = await writeTestBundle(changes);
      const server = await postgres();
      const error = await importBundleToPostgres(server.db, { dir, actor: 'test' }).catch(
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toBe((await sqliteError(dir)).message);
      await expectNothingWritten(server);
    });
  }

  it('reports the first 100 of many errors of every kind, then a count, as SQLite does', async () => {
    const accounts = Array.from({ length: 60 }, (_, i) => `acct-1,dup${i}@example.test,`);
    const balances = [
      ...Array.from({ length: 120 }, (_, i) => `acct-x${i},BTC,1`),
      ...Array.from({ length: 30 }, () => 'acct-1,BTC,3'),
    ];
    const dir = await writeTestBundle({
      'accounts.csv': withExtraLine('accounts.csv', accounts.join('\n')),
      'balances.csv': withExtraLine('balances.csv', balances.join('\n')),
    });
    const server = await postgres();
    const error = (await importBundleToPostgres(server.db, { dir, actor: 'test' }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.message).toMatch(/and 110 more errors/);
    expect(error.message).toBe((await sqliteError(dir)).message);
    await expectNothingWritten(server);
  });

  it('leaves the connection usable after a bundle that cannot be read', async () => {
    const server = await postgres();
    const dir = await writeTestBundle({ 'balances.csv': null });
    await expect(importBundleToPostgres(server.db, { dir, actor: 'test' })).rejects.toThrow();
    await expectNothingWritten(server);
    const good = await importBundleToPostgres(server.db, {
      dir: await writeTestBundle(),
      actor: 'test',
    });
    expect(good.status).toBe('imported');
  });
});
