import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openAnyDatabase } from '@/db/database';
import { verifyDatabase } from '@/lib/ledger/verify-database';
import { importBundleToPostgres } from '@/lib/snapshot/import-postgres';
import { removeTestBundles, writeTestBundle } from '@/lib/snapshot/test-bundle';
import { tempPostgres, type TempPostgres } from '@/lib/testing/temp-postgres';

afterAll(removeTestBundles);

let server: TempPostgres | null = null;
afterEach(async () => {
  await server?.drop();
  server = null;
});

/** `npm run cli -- verify` against DATABASE_URL, as an operator runs it. */
function verify(url: string) {
  const result = spawnSync(
    'node_modules/.bin/tsx',
    ['--conditions=react-server', 'lib/cli/main.ts', 'verify'],
    { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

async function importedSnapshot(): Promise<TempPostgres> {
  server = await tempPostgres();
  await importBundleToPostgres(server.db, { dir: await writeTestBundle(), actor: 'test' });
  return server;
}

const runs = async (s: TempPostgres) =>
  (await s.db.$client.query('SELECT ok, message, postings FROM verification_runs ORDER BY id'))
    .rows;

describe('npm run cli -- verify on PostgreSQL', () => {
  it('verifies an imported snapshot, records the run and says no proof root is published', async () => {
    const s = await importedSnapshot();
    const { rows } = await s.db.$client.query('SELECT count(*) AS n FROM ledger_postings');
    const { status, stdout } = verify(s.url);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^Verified 1 transactions and ${rows[0].n} postings in \\d+ ms \\(\\d+ postings/s\\): chain intact, every transaction balances, projections match, no account overpaid\\.$`,
      ),
    );
    expect(lines[1]).toBe('Proof root: none is published on PostgreSQL yet.');
    expect(await runs(s)).toEqual([{ ok: true, message: 'all checks pass', postings: rows[0].n }]);
  });

  it('fails on a tampered ledger, naming the problem, and records the failed run', async () => {
    const s = await importedSnapshot();
    await s.db.$client.query(
      'ALTER TABLE ledger_postings DISABLE TRIGGER USER; UPDATE ledger_postings SET amount_units = amount_units + 1 WHERE id = 1; ALTER TABLE ledger_postings ENABLE TRIGGER USER',
    );
    const database = await openAnyDatabase(s.url);
    const expected = await verifyDatabase(database).finally(() => database.close());
    expect(expected.firstProblem).toMatch(/^transaction 1 \(.+\): contents do not match/);
    const { status, stdout, stderr } = verify(s.url);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Verification FAILED: ${expected.firstProblem}`);
    expect(await runs(s)).toEqual([
      { ok: false, message: expected.firstProblem, postings: expected.postings },
    ]);
  });

  it('refuses to pass a published proof root it cannot recompute', async () => {
    const s = await importedSnapshot();
    await s.db.$client.query(
      `INSERT INTO proof_roots (tx_seq, root_hash, totals, claim_set_version, leaf_count, created_at)
       VALUES (1, 'ab', '{}', 'v', 0, '2026-01-01T00:00:00.000Z')`,
    );
    const { status, stdout, stderr } = verify(s.url);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^Verified 1 transactions/);
    expect(stderr).toBe(
      'Proof root check FAILED: proof_roots lists 1 published root (the newest at ledger transaction 1), which this version cannot recompute on PostgreSQL: not verified.',
    );
  });
});
