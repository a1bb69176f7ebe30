import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  tempPostgres,
  withDatabase,
  onServer,
  type TempPostgres,
} from '@/lib/testing/temp-postgres';
import { openDatabase } from './client';
import { openPostgres, PG_MIGRATIONS_FOLDER } from './postgres';
import {
  APPEND_ONLY_TABLES,
  GUARD_TRIGGERS,
  missingPgTriggers,
  TRUNCATE_GUARDED_TABLES,
} from './triggers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The ledger's guarantees held by PostgreSQL itself, as db/append-only.test.ts shows for SQLite.

let server: TempPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  server = await tempPostgres();
  pool = server.db.$client;
});
afterAll(async () => server?.drop());

async function refusal(statement: string, values: unknown[] = []): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(statement, values);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function insertTransaction(seq: number): Promise<void> {
  await pool.query(
    `INSERT INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, posting_count)
     VALUES ($1, $2, 'test', 'p', '{}', 'system:test', '2026-01-01T00:00:00Z', 'prev', 'hash', 0)`,
    [seq, `key-${seq}`],
  );
}

describe('PostgreSQL', () => {
  it('has every guard trigger after all migrations, enabled, and reports one disabled', async () => {
    expect(await missingPgTriggers(pool)).toEqual([]);
    const { rows } = await pool.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM pg_trigger WHERE NOT tgisinternal AND tgname ~ '_(no_update|no_delete|no_truncate|only_end|decided_once)$'",
    );
    expect(rows[0]?.count).toBe(
      APPEND_ONLY_TABLES.length * 2 + GUARD_TRIGGERS.length + TRUNCATE_GUARDED_TABLES.length,
    );
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_no_update');
      const inside = await client.query<{ name: string }>(
        "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'",
      );
      expect(inside.rows.map((row) => row.name)).toEqual(['ledger_postings_no_update']);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('refuses UPDATE, DELETE, TRUNCATE and ON CONFLICT DO UPDATE of a ledger transaction', async () => {
    await insertTransaction(1);
    expect(await refusal("UPDATE ledger_transactions SET memo = 'x'")).toMatch(
      /ledger_transactions is append-only: UPDATE refused/,
    );
    expect(await refusal('DELETE FROM ledger_transactions')).toMatch(/DELETE refused/);
    expect(await refusal('TRUNCATE ledger_transactions')).toMatch(/TRUNCATE refused/);
    expect(
      await refusal(
        `INSERT INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, posting_count)
         VALUES (1, 'key-1', 'test', 'p', '{"forged":true}', 'system:test', '2026-01-01T00:00:00Z', 'prev', 'hash', 0)
         ON CONFLICT (seq) DO UPDATE SET memo = excluded.memo`,
      ),
    ).toMatch(/append-only: UPDATE refused/);
    const { rows } = await pool.query('SELECT memo FROM ledger_transactions WHERE seq = 1');
    expect(rows).toEqual([{ memo: '{}' }]);
  });

  it('refuses a second transaction with the same idempotency key', async () => {
    await insertTransaction(2);
    expect(
      await refusal(
        `INSERT INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, posting_count)
         VALUES (3, 'key-2', 'test', 'p', '{}', 'system:test', '2026-01-01T00:00:00Z', 'prev', 'hash', 0)`,
      ),
    ).toMatch(/ledger_transactions_idempotency_key_unique/);
  });

  it('refuses TRUNCATE of every guarded table, even an empty one and with CASCADE', async () => {
    for (const table of TRUNCATE_GUARDED_TABLES)
      expect(await refusal(`TRUNCATE ${table} CASCADE`), table).toMatch(/TRUNCATE refused/);
  });

  it('stores an amount of 78 digits exactly and reads it back as the same string', async () => {
    const huge = `-${'9'.repeat(77)}`;
    await pool.query(
      "INSERT INTO ledger_postings (id, tx_seq, account, asset, amount_units) VALUES (1, 1, 'claim:a', 'BTC', $1)",
      [huge],
    );
    const { rows } = await pool.query('SELECT amount_units, id FROM ledger_postings WHERE id = 1');
    expect(rows).toEqual([{ amount_units: huge, id: 1 }]);
    expect(await refusal('UPDATE ledger_postings SET amount_units = 0')).toMatch(/UPDATE refused/);
  });

  it('lets a payout line only end, never change or go', async () => {
    await pool.query(
      "INSERT INTO payout_batches (id, status, line_count, created_by, created_at) VALUES (1, 'pending', 1, 1, '2026-01-01T00:00:00Z')",
    );
    await pool.query(
      "INSERT INTO payout_items (batch_id, account_id, asset, amount_units, live) VALUES (1, 'acct-a', 'BTC', 100, 1)",
    );
    expect(await refusal('UPDATE payout_items SET amount_units = 999')).toMatch(
      /payout_items is append-only/,
    );
    expect(await refusal("UPDATE payout_items SET account_id = 'acct-b'")).toMatch(
      /payout_items is append-only/,
    );
    expect(await refusal('DELETE FROM payout_items')).toMatch(/append-only/);
    await pool.query('UPDATE payout_items SET live = 0');
    expect(await refusal('UPDATE payout_items SET live = 1')).toMatch(
      /payout_items is append-only/,
    );
    const { rows } = await pool.query('SELECT amount_units, live FROM payout_items');
    expect(rows).toEqual([{ amount_units: '100', live: 0 }]);
  });

  it('lets a staff request be decided once, by someone other than its requester', async () => {
    for (const email of ['a@x.example', 'b@x.example'])
      await pool.query(
        "INSERT INTO users (email, role, created_at) VALUES ($1, 'admin', '2026-01-01T00:00:00Z')",
        [email],
      );
    const { rows: ids } = await pool.query<{ id: number }>('SELECT id FROM users ORDER BY id');
    const [first, second] = ids.map((row) => row.id);
    await pool.query(
      `INSERT INTO staff_requests (kind, email, role, status, requested_by, requested_at)
       VALUES ('create_login', 'new@x.example', 'finance', 'pending', $1, '2026-01-01T00:00:00Z')`,
      [first],
    );
    expect(
      await refusal("UPDATE staff_requests SET status = 'approved', decided_by = $1", [first]),
    ).toMatch(/staff_requests_four_eyes/);
    expect(await refusal("UPDATE staff_requests SET role = 'admin'")).toMatch(
      /staff_requests is append-only/,
    );
    await pool.query("UPDATE staff_requests SET status = 'approved', decided_by = $1", [second]);
    expect(await refusal("UPDATE staff_requests SET status = 'pending'")).toMatch(
      /staff_requests is append-only/,
    );
    expect(await refusal('DELETE FROM staff_requests')).toMatch(/append-only/);
  });

  it('queues an account for recounting whenever its claim status changes', async () => {
    await pool.query(
      "INSERT INTO claim_status (account_id, status, updated_at) VALUES ('acct-q', 'open', 'now')",
    );
    await pool.query('DELETE FROM claim_state_dirty');
    await pool.query("UPDATE claim_status SET status = 'acknowledged' WHERE account_id = 'acct-q'");
    await pool.query("UPDATE claim_status SET status = 'disputed' WHERE account_id = 'acct-q'");
    const { rows } = await pool.query('SELECT account_id FROM claim_state_dirty');
    expect(rows).toEqual([{ account_id: 'acct-q' }]);
  });

  it('refuses two accounts whose emails differ only in case', async () => {
    await pool.query("INSERT INTO accounts (id, email) VALUES ('acct-1', 'Alice@Example.test')");
    expect(
      await refusal("INSERT INTO accounts (id, email) VALUES ('acct-2', 'alice@example.TEST')"),
    ).toMatch(/accounts_email_lower/);
  });

  it('keeps its guards when the migrations run again, from two servers at once', async () => {
    await Promise.all([openPostgres(server.url), openPostgres(server.url)]).then((dbs) =>
      Promise.all(dbs.map((db) => db.$client.end())),
    );
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    expect(await missingPgTriggers(pool)).toEqual([]);
  });

  it('refuses a database that does not sort text byte by byte', async () => {
    const name = `mw_test_collation_${process.pid}`;
    await onServer(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
    try {
      await expect(openPostgres(withDatabase(name))).rejects.toThrow(/LC_COLLATE 'C'/);
    } finally {
      await onServer(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  it('has the same indexes as SQLite after all migrations, and a truncate guard beside each trigger', async () => {
    const sqlite = openDatabase(join(mkdtempSync(join(tmpdir(), 'mw-parity-')), 'test.db')).$client;
    const liteIndexes = (
      sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[]
    ).sort();
    const liteTriggers = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[];
    sqlite.close();
    const { rows } = await pool.query<{ name: string }>(
      "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND indexname !~ '_pk(ey)?$'",
    );
    expect(rows.map((row) => row.name).sort()).toEqual(liteIndexes);
    const { rows: triggers } = await pool.query<{ name: string }>(
      "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgname NOT LIKE '%_no_truncate'",
    );
    expect(triggers.map((row) => row.name).sort()).toEqual([...liteTriggers].sort());
  });
});
