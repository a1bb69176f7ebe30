import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { acknowledge, financeFixture } from '@/lib/payouts/finance-fixture';
import { restoreDatabase } from './restore-database';

const count = (file: string, sql: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare(sql).pluck().get() as number;
  } finally {
    sqlite.close();
  }
};
const transactions = (file: string) => count(file, 'SELECT count(*) FROM ledger_transactions');

/** A live database with a backup of it, then one more transaction the backup lacks. */
async function liveAndBackup() {
  const db = await financeFixture();
  const folder = mkdtempSync(join(tmpdir(), 'mw-restore-'));
  const backup = join(folder, 'backup.db');
  await db.$client.backup(backup);
  acknowledge(db, 'acct-a');
  return { db, folder, backup, live: db.$client.name };
}

describe('restoring a backup', () => {
  it('puts a verified backup where no database is, and it verifies there', async () => {
    const { folder, backup } = await liveAndBackup();
    const target = join(folder, 'fresh', 'makewhole.db');
    const result = await restoreDatabase({ backup, target, replace: false });
    expect(result.setAside).toBeNull();
    expect(result.verified.ok).toBe(true);
    expect(transactions(target)).toBe(transactions(backup));
  });

  it('refuses to replace a database unless told, and then keeps the old one whole', async () => {
    const { db, backup, live } = await liveAndBackup();
    const liveTransactions = transactions(live);
    expect(liveTransactions).toBe(transactions(backup) + 1);
    // The last transaction may still be only in the write-ahead log.
    await expect(restoreDatabase({ backup, target: live, replace: false })).rejects.toThrow(
      /already holds a database.*--replace/,
    );
    expect(transactions(live)).toBe(liveTransactions);
    db.$client.close();

    const result = await restoreDatabase({
      backup,
      target: live,
      replace: true,
      now: new Date('2026-11-26T10:00:00Z'),
    });
    expect(result.setAside).toBe(`${live}.replaced-2026-11-26T10-00-00-000Z`);
    expect(transactions(result.setAside!)).toBe(liveTransactions);
    expect(transactions(live)).toBe(transactions(backup));
    expect(existsSync(`${live}.restoring`)).toBe(false);
  });

  it('removes a stale write-ahead log rather than replaying it onto the restored database', async () => {
    const { db, backup, live } = await liveAndBackup();
    // A server killed with a log not yet folded in: copy its files as they are on disk.
    const crashed = new Database(live);
    crashed.pragma('wal_autocheckpoint = 0');
    crashed.prepare("INSERT INTO settings (key, value) VALUES ('left-in-log', 'x')").run();
    const logged = readdirSync(join(live, '..')).filter((name) => name.endsWith('-wal'));
    expect(logged.length).toBeGreaterThan(0);
    const result = await restoreDatabase({ backup, target: live, replace: true });
    crashed.close();
    db.$client.close();
    expect(result.verified.ok).toBe(true);
    expect(count(live, "SELECT count(*) FROM settings WHERE key = 'left-in-log'")).toBe(0);
    expect(count(result.setAside!, "SELECT count(*) FROM settings WHERE key = 'left-in-log'")).toBe(
      1,
    );
  });

  it('refuses a backup that does not verify, and touches nothing', async () => {
    const { db, folder, backup, live } = await liveAndBackup();
    const forged = new Database(backup);
    forged.exec('DROP TRIGGER ledger_postings_no_update');
    forged.exec("UPDATE ledger_postings SET amount_units = '1' WHERE id = 1");
    forged.close();
    const liveTransactions = transactions(live);
    await expect(restoreDatabase({ backup, target: live, replace: true })).rejects.toThrow(
      /does not verify/,
    );
    await expect(
      restoreDatabase({ backup: join(folder, 'missing.db'), target: live, replace: true }),
    ).rejects.toThrow(/There is no backup/);
    expect(transactions(live)).toBe(liveTransactions);
    expect(readdirSync(folder).some((name) => name.includes('replaced'))).toBe(false);
    db.$client.close();
  });
});
