import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describePostgresUrl, openPostgres } from '@/db/postgres';
import { missingPgTriggers } from '@/db/triggers';
import { importBundleToPostgres } from '@/lib/snapshot/import-postgres';
import { removeTestBundles, writeTestBundle } from '@/lib/snapshot/test-bundle';
import {
  onServer,
  POSTGRES_TEST_URL,
  tempPostgres,
  withDatabase,
  type TempPostgres,
} from '@/lib/testing/temp-postgres';
import { backupPostgres } from './backup-postgres';
import { restorePostgres } from './restore-postgres';

// Backup and restore on PostgreSQL give SQLite's guarantees (restore-database.test.ts): a backup
// counts once its copy verifies, and a restore that is refused leaves every database as it was.

const folder = mkdtempSync(join(tmpdir(), 'mw-pg-backup-'));
const file = (name: string) => join(folder, `${name}-${randomBytes(4).toString('hex')}.dump`);

/** Every database a test made, and any made beside it (`_restoring`, `_replaced_…`, checks). */
const made: string[] = [];
const sources: TempPostgres[] = [];

async function dropEverythingMade(): Promise<void> {
  await Promise.all(sources.splice(0).map((source) => source.drop()));
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS made WHERE starts_with(datname, made))`,
      [made.splice(0)],
    );
    for (const { name } of rows)
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
afterEach(dropEverythingMade);
afterAll(async () => {
  await removeTestBundles();
  rmSync(folder, { recursive: true, force: true });
});

/** A database holding a real ledger: a snapshot imported as its opening transaction. */
async function liveSource(): Promise<TempPostgres> {
  const source = await tempPostgres();
  sources.push(source);
  made.push(new URL(source.url).pathname.slice(1));
  await importBundleToPostgres(source.db, { dir: await writeTestBundle(), actor: 'test' });
  return source;
}

/** A name no database has yet, `extra` included to show it is quoted wherever it is used. */
function freshName(extra = ''): string {
  const name = `mw_test_${process.pid}_${randomBytes(4).toString('hex')}${extra}`;
  made.push(name);
  return name;
}

/** A migrated database that already holds something of its own. */
async function occupied(): Promise<string> {
  const name = freshName();
  await onServer(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  const db = await openPostgres(withDatabase(name), { max: 1 });
  await db.$client.query("INSERT INTO settings (key, value) VALUES ('marker', 'occupied')");
  await db.$client.end();
  return name;
}

async function query<T extends Record<string, unknown>>(
  name: string,
  statement: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: withDatabase(name) });
  await client.connect();
  try {
    return (await client.query<T>(statement)).rows;
  } finally {
    await client.end();
  }
}

const marker = async (name: string) =>
  (await query<{ value: string }>(name, "SELECT value FROM settings WHERE key = 'marker'"))[0]
    ?.value;

const headHash = async (name: string) =>
  (
    await query<{ hash: string }>(
      name,
      'SELECT hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1',
    )
  )[0]?.hash;

async function rowCounts(name: string): Promise<Record<string, number>> {
  const tables = await query<{ table: string }>(
    name,
    "SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const counts: Record<string, number> = {};
  for (const { table } of tables) {
    const [row] = await query<{ n: number }>(
      name,
      `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(table)}`,
    );
    counts[table] = row!.n;
  }
  return counts;
}

/** The databases whose names begin with `name`, itself included. */
async function databasesNamed(name: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [name],
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

const sourceName = (source: TempPostgres) => new URL(source.url).pathname.slice(1);

describe('backing up a PostgreSQL database', () => {
  it('restores into a new database with the same ledger, rows and guards', async () => {
    const source = await liveSource();
    const backup = file('round-trip');
    const { verified } = await backupPostgres({ url: source.url, file: backup });
    expect(verified).toMatchObject({ ok: true, transactions: 1 });
    expect(verified.postings).toBeGreaterThan(0);
    expect(await databasesNamed(`${sourceName(source)}_`)).toEqual([]);

    const target = freshName(`_it's "odd"`);
    const restored = await restorePostgres({
      url: withDatabase(target),
      backup,
      replace: false,
    });
    expect(restored.setAside).toBeNull();
    expect(restored.verified).toMatchObject({ ok: true, transactions: 1 });
    expect(await databasesNamed(target)).toEqual([target]);
    expect(await headHash(target)).toBe(await headHash(sourceName(source)));
    const counts = await rowCounts(target);
    expect(counts.ledger_postings).toBeGreaterThan(0);
    expect(counts).toEqual(await rowCounts(sourceName(source)));

    const db = await openPostgres(withDatabase(target), { migrate: false, max: 1 });
    try {
      expect(await missingPgTriggers(db.$client)).toEqual([]);
      await expect(
        db.$client.query(
          "UPDATE ledger_postings SET amount_units = '0' WHERE id = (SELECT min(id) FROM ledger_postings)",
        ),
      ).rejects.toThrow(/ledger_postings is append-only: UPDATE refused/);
    } finally {
      await db.$client.end();
    }
  });

  it('refuses a file that already exists and leaves it alone', async () => {
    const source = await liveSource();
    const backup = file('existing');
    writeFileSync(backup, 'keep me');
    await expect(backupPostgres({ url: source.url, file: backup })).rejects.toThrow(
      /already exists; choose a new file/,
    );
    expect(readFileSync(backup, 'utf8')).toBe('keep me');
  });

  it('says in one line what to install when pg_dump is missing or older than the server', async () => {
    const source = await liveSource();
    const tools = join(folder, `old-${randomBytes(4).toString('hex')}`);
    writeFileSync(tools, '#!/bin/sh\necho "pg_dump (PostgreSQL) 13.4"\n');
    chmodSync(tools, 0o755);
    for (const [pgDump, message] of [
      [
        join(folder, 'no-such-pg_dump'),
        /^pg_dump was not found: install the PostgreSQL 15 client tools or newer/,
      ],
      [
        tools,
        /^pg_dump 13\.4 is older than the server \(PostgreSQL 15\): install the PostgreSQL 15 client tools/,
      ],
    ] as const) {
      const backup = file('tools');
      const error = (await backupPostgres({
        url: source.url,
        file: backup,
        tools: { pgDump },
      }).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
      expect(existsSync(backup)).toBe(false);
    }
  });

  it('names the database without its password when pg_dump cannot dump it', async () => {
    const missing = freshName();
    const url = withDatabase(missing);
    expect(new URL(url).password).not.toBe('');
    const backup = file('missing');
    const error = (await backupPostgres({ url, file: backup }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot back up postgres://[^:@/]+@[^/]+/${missing}: pg_dump failed: .*does not exist`,
      ),
    );
    expect(error.message).not.toContain(`:${new URL(url).password}@`);
    expect(existsSync(backup)).toBe(false);
  });
});

describe('restoring a PostgreSQL backup', () => {
  async function backupOfLive() {
    const source = await liveSource();
    const backup = file('backup');
    await backupPostgres({ url: source.url, file: backup });
    return { source, backup };
  }

  it('refuses an occupied database unless told, and then keeps it whole beside', async () => {
    const { source, backup } = await backupOfLive();
    const target = await occupied();
    await expect(
      restorePostgres({ url: withDatabase(target), backup, replace: false }),
    ).rejects.toThrow(
      /already holds a database\. Stop the app servers, then run again with --replace/,
    );
    expect(await databasesNamed(target)).toEqual([target]);
    expect(await marker(target)).toBe('occupied');
    expect(await headHash(target)).toBeUndefined();

    const restored = await restorePostgres({
      url: withDatabase(target),
      backup,
      replace: true,
      now: new Date('2026-11-26T10:00:00.123Z'),
    });
    expect(restored.setAside).toBe(`${target}_replaced_20261126_100000`);
    expect(await databasesNamed(target)).toEqual([target, restored.setAside]);
    expect(await marker(restored.setAside!)).toBe('occupied');
    expect(await marker(target)).toBeUndefined();
    expect(await headHash(target)).toBe(await headHash(sourceName(source)));
  });

  it("refuses, unless told, a database holding tables that are not the app's", async () => {
    const { backup } = await backupOfLive();
    const target = freshName();
    await onServer(`CREATE DATABASE ${target}`);
    await query(target, 'CREATE TABLE other_app (id integer)');
    await expect(
      restorePostgres({ url: withDatabase(target), backup, replace: false }),
    ).rejects.toThrow(/already holds a database\. Stop the app servers/);
    expect(await databasesNamed(target)).toEqual([target]);
    expect(await query(target, 'SELECT count(*)::int AS n FROM other_app')).toEqual([{ n: 0 }]);
  });

  it('sets aside, without --replace, an empty database', async () => {
    const { source, backup } = await backupOfLive();
    const target = freshName();
    await onServer(`CREATE DATABASE ${target}`);
    const restored = await restorePostgres({
      url: withDatabase(target),
      backup,
      replace: false,
      now: new Date('2026-11-26T10:00:00Z'),
    });
    expect(restored.setAside).toBe(`${target}_replaced_20261126_100000`);
    expect(await databasesNamed(target)).toEqual([target, restored.setAside]);
    expect(await headHash(target)).toBe(await headHash(sourceName(source)));
  });

  it('refuses the backup of a tampered ledger, as backup does, and changes nothing', async () => {
    const source = await liveSource();
    // The owner may switch the guards off: verification, not the triggers, is what catches it.
    const owner = source.db.$client;
    await owner.query('ALTER TABLE ledger_postings DISABLE TRIGGER USER');
    await owner.query(
      'UPDATE ledger_postings SET amount_units = amount_units + 1 WHERE id = (SELECT min(id) FROM ledger_postings)',
    );
    await owner.query('ALTER TABLE ledger_postings ENABLE TRIGGER USER');
    const backup = file('tampered');
    await expect(backupPostgres({ url: source.url, file: backup })).rejects.toThrow(
      /^The backup at .* does not verify: transaction 1 \(snapshot\.import\): contents do not match its payload hash$/,
    );
    expect(existsSync(backup)).toBe(true);
    expect(await databasesNamed(`${sourceName(source)}_`)).toEqual([]);

    const target = await occupied();
    await expect(
      restorePostgres({ url: withDatabase(target), backup, replace: true }),
    ).rejects.toThrow(
      /^The backup .* does not verify: transaction 1 \(snapshot\.import\): contents do not match/,
    );
    expect(await databasesNamed(target)).toEqual([target]);
    expect(await marker(target)).toBe('occupied');
  });

  it('refuses a file that is not a dump, or is a cut one, and changes nothing', async () => {
    const { backup } = await backupOfLive();
    const target = await occupied();
    const notADump = file('not-a-dump');
    writeFileSync(notADump, 'account_id,asset,balance\n');
    const cut = file('cut');
    const whole = readFileSync(backup);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    for (const [bad, message] of [
      [notADump, /is not a PostgreSQL backup: backup on PostgreSQL writes pg_dump's custom format/],
      [cut, /could not be restored: pg_restore failed: /],
      [join(folder, 'absent.dump'), /There is no backup at/],
    ] as const) {
      await expect(
        restorePostgres({ url: withDatabase(target), backup: bad, replace: true }),
      ).rejects.toThrow(message);
      expect(await databasesNamed(target)).toEqual([target]);
      expect(await marker(target)).toBe('occupied');
    }
  });

  it('leaves alone a database named as its staging one that no restore made', async () => {
    const { backup } = await backupOfLive();
    const target = await occupied();
    await onServer(`CREATE DATABASE ${pg.escapeIdentifier(`${target}_restoring`)}`);
    await query(`${target}_restoring`, 'CREATE TABLE kept (id integer)');
    await expect(
      restorePostgres({ url: withDatabase(target), backup, replace: true }),
    ).rejects.toThrow(/_restoring exists and was not made by a restore: rename or drop it first/);
    expect(await databasesNamed(target)).toEqual([target, `${target}_restoring`]);
    expect(await query(`${target}_restoring`, 'SELECT count(*)::int AS n FROM kept')).toEqual([
      { n: 0 },
    ]);
    expect(await marker(target)).toBe('occupied');
  });

  it('refuses while another session is connected, rather than ending it', async () => {
    const { backup } = await backupOfLive();
    const target = await occupied();
    const app = new pg.Client({ connectionString: withDatabase(target) });
    await app.connect();
    try {
      await expect(
        restorePostgres({ url: withDatabase(target), backup, replace: true }),
      ).rejects.toThrow(/^Another session is connected to "[^"]+": stop the app servers first/);
      expect((await app.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await app.end();
    }
    expect(await databasesNamed(target)).toEqual([target]);
    expect(await marker(target)).toBe('occupied');
  });
});

/** `npm run cli -- …` with DATABASE_URL set to `url`. */
function cli(url: string, ...args: string[]) {
  const result = spawnSync(
    'node_modules/.bin/tsx',
    ['--conditions=react-server', 'lib/cli/main.ts', ...args],
    { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 },
  );
  return {
    status: result.status,
    stdout: result.stdout.trim().split('\n'),
    stderr: result.stderr.trim(),
  };
}

describe('backup and restore on the command line with a PostgreSQL DATABASE_URL', () => {
  it('say what they did, naming each database without its password', async () => {
    const source = await liveSource();
    const { ledger_postings: postings } = await rowCounts(sourceName(source));
    const backup = file('cli');
    const backedUp = cli(source.url, 'backup', backup);
    expect(backedUp.stdout).toEqual([
      `Backed up ${describePostgresUrl(source.url)} to ${backup}; the copy verifies (1 transactions, ${postings} postings).`,
    ]);
    expect(backedUp.status).toBe(0);

    const target = await occupied();
    const url = withDatabase(target);
    const refused = cli(url, 'restore', backup);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `${describePostgresUrl(url)} already holds a database. Stop the app servers, then run again with --replace: the current database will be kept beside it.`,
    );
    const restored = cli(url, 'restore', backup, '--replace');
    expect(restored.status).toBe(0);
    expect(restored.stdout[0]).toMatch(
      new RegExp(
        `^The database that was at ${describePostgresUrl(url)} is kept at ${target}_replaced_\\d{8}_\\d{6} on the same server\\.$`,
      ),
    );
    expect(restored.stdout[1]).toBe(
      `Restored ${backup} to ${describePostgresUrl(url)}; it verifies (1 transactions, ${postings} postings). Start the server.`,
    );
    const password = `:${new URL(url).password}@`;
    for (const run of [backedUp, refused, restored])
      expect(run.stdout.join('\n') + run.stderr).not.toContain(password);
  });
});
