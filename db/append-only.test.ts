import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPEND_ONLY_TABLES, missingTriggers, openDatabase } from './client';
import { GUARD_TRIGGERS } from './triggers';

function freshDb() {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'mw-db-')), 'test.db'));
}

function insertTransaction(sqlite: ReturnType<typeof freshDb>['$client'], seq: number) {
  sqlite
    .prepare(
      `INSERT INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, posting_count)
       VALUES (?, ?, 'test', 'p', '{}', 'system', '2026-01-01T00:00:00Z', 'prev', 'hash', 0)`,
    )
    .run(seq, `key-${seq}`);
}

describe('the append-only tables', () => {
  it('keep every trigger after all migrations are applied', () => {
    const db = freshDb();
    expect(missingTriggers(db.$client)).toEqual([]);
    const guards = db.$client
      .prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_no_update' OR name LIKE '%_no_delete' OR name LIKE '%_only_end' OR name LIKE '%_decided_once')",
      )
      .pluck()
      .get();
    expect(guards).toBe(APPEND_ONLY_TABLES.length * 2 + GUARD_TRIGGERS.length);
  });

  it('refuse UPDATE, DELETE and INSERT OR REPLACE of a ledger transaction', () => {
    const { $client: sqlite } = freshDb();
    insertTransaction(sqlite, 1);
    expect(() => sqlite.prepare("UPDATE ledger_transactions SET memo = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare('DELETE FROM ledger_transactions').run()).toThrow(/append-only/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT OR REPLACE INTO ledger_transactions (seq, idempotency_key, kind, payload_hash, memo, actor, created_at, prev_hash, hash, posting_count)
           VALUES (1, 'key-1', 'test', 'p', '{"forged":true}', 'system', '2026-01-01T00:00:00Z', 'prev', 'hash', 0)`,
        )
        .run(),
    ).toThrow(/append-only/);
    expect(sqlite.prepare('SELECT memo FROM ledger_transactions WHERE seq = 1').pluck().get()).toBe(
      '{}',
    );
  });

  it('refuse changes to the audit trail', () => {
    const { $client: sqlite } = freshDb();
    sqlite
      .prepare("INSERT INTO audit_events (at, action) VALUES ('2026-01-01T00:00:00Z', 'test')")
      .run();
    expect(() => sqlite.prepare("UPDATE audit_events SET action = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it('let a payout line only end, never change or go', () => {
    const { $client: sqlite } = freshDb();
    sqlite
      .prepare(
        "INSERT INTO payout_batches (status, line_count, created_by, created_at) VALUES ('pending', 1, 1, '2026-01-01T00:00:00Z')",
      )
      .run();
    sqlite
      .prepare(
        "INSERT INTO payout_items (batch_id, account_id, asset, amount_units, live) VALUES (1, 'acct-a', 'BTC', '100', 1)",
      )
      .run();
    expect(() => sqlite.prepare("UPDATE payout_items SET amount_units = '999'").run()).toThrow(
      /payout_items is append-only/,
    );
    expect(() => sqlite.prepare("UPDATE payout_items SET account_id = 'acct-b'").run()).toThrow(
      /payout_items is append-only/,
    );
    expect(() => sqlite.prepare('DELETE FROM payout_items').run()).toThrow(/append-only/);
    sqlite.prepare('UPDATE payout_items SET live = 0').run();
    expect(() => sqlite.prepare('UPDATE payout_items SET live = 1').run()).toThrow(
      /payout_items is append-only/,
    );
    expect(sqlite.prepare('SELECT amount_units, live FROM payout_items').get()).toEqual({
      amount_units: '100',
      live: 0,
    });
  });

  it('let a staff request be decided once, by someone other than its requester', () => {
    const { $client: sqlite } = freshDb();
    const insertUser = sqlite.prepare(
      "INSERT INTO users (email, role, created_at) VALUES (?, 'admin', '2026-01-01T00:00:00Z')",
    );
    insertUser.run('a@x.example');
    insertUser.run('b@x.example');
    sqlite
      .prepare(
        `INSERT INTO staff_requests (kind, email, role, status, requested_by, requested_at)
         VALUES ('create_login', 'new@x.example', 'finance', 'pending', 1, '2026-01-01T00:00:00Z')`,
      )
      .run();
    expect(() =>
      sqlite.prepare("UPDATE staff_requests SET status = 'approved', decided_by = 1").run(),
    ).toThrow(/CHECK constraint failed: staff_requests_four_eyes/);
    expect(() => sqlite.prepare("UPDATE staff_requests SET role = 'admin'").run()).toThrow(
      /staff_requests is append-only/,
    );
    sqlite.prepare("UPDATE staff_requests SET status = 'approved', decided_by = 2").run();
    expect(() => sqlite.prepare("UPDATE staff_requests SET status = 'pending'").run()).toThrow(
      /staff_requests is append-only/,
    );
    expect(() => sqlite.prepare('DELETE FROM staff_requests').run()).toThrow(/append-only/);
  });

  it('report a dropped trigger', () => {
    const { $client: sqlite } = freshDb();
    sqlite.exec('DROP TRIGGER ledger_postings_no_update');
    expect(missingTriggers(sqlite)).toEqual(['ledger_postings_no_update']);
  });

  it('open every connection with the pragmas the ledger relies on', () => {
    const { $client: sqlite } = freshDb();
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('recursive_triggers', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });
});
