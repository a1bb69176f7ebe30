import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPEND_ONLY_TABLES, missingTriggers, openDatabase } from './client';

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
    expect(APPEND_ONLY_TABLES.length * 2).toBe(
      db.$client
        .prepare(
          "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_no_update' OR name LIKE '%_no_delete')",
        )
        .pluck()
        .get(),
    );
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
