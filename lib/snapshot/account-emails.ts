import type Database from 'better-sqlite3';

/**
 * The emails accounts.csv has used so far, compared without regard to case, each with the line
 * that used it first. Kept in a temporary table inside the import's transaction, so a million
 * accounts cost temporary disk pages, not memory; the rollback or `drop` removes it.
 *
 * `lower()` folds ASCII only, which is all an email may hold (rows.ts), and it is the same
 * expression the accounts_email_lower index looks claimants up by.
 */
export class AccountEmails {
  private readonly record: Database.Statement;
  private readonly firstLine: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    sqlite.exec(`DROP TABLE IF EXISTS temp.${TABLE}`);
    sqlite.exec(
      `CREATE TEMP TABLE ${TABLE} (email TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID`,
    );
    this.record = sqlite.prepare(
      `INSERT INTO temp.${TABLE} (email, line) VALUES (lower(?), ?) ON CONFLICT DO NOTHING`,
    );
    this.firstLine = sqlite
      .prepare(`SELECT line FROM temp.${TABLE} WHERE email = lower(?)`)
      .pluck();
  }

  /** Records the email at `line`; returns the earlier line that used it, or null when none did. */
  use(email: string, line: number): number | null {
    if (this.record.run(email, line).changes === 1) return null;
    return this.firstLine.get(email) as number;
  }

  drop(): void {
    this.sqlite.exec(`DROP TABLE IF EXISTS temp.${TABLE}`);
  }
}

const TABLE = 'import_account_emails';

/** The error for an email that an earlier line of accounts.csv already used. */
export function emailUsedMessage(email: string, firstLine: number): string {
  return `email ${email} is already used by accounts.csv:${firstLine} (emails are compared without regard to case)`;
}
