/**
 * The journeys' database and command line, used beside the browser the way an operator would:
 * `invite`, `outbox deliver`, `user:create`, and reads that prove what a step wrote.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const appPort = () => Number(process.env.E2E_PORT ?? 3100);
export const dataDir = () => `data/e2e-${appPort()}`;
const databaseUrl = () => `file:./${dataDir()}/makewhole.db`;

/**
 * Runs `npm run cli -- <args>` against the journeys' database. Asynchronous: the test SMTP
 * server it may send to runs in this same process.
 */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const command = ['tsx', '--conditions=react-server', 'lib/cli/main.ts', ...args];
  try {
    const { stdout } = await run('npx', command, {
      env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
      timeout: 60_000,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`cli ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

function withDb<T>(run: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(`${dataDir()}/makewhole.db`);
  sqlite.pragma('busy_timeout = 10000');
  try {
    return run(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Moves the expiry of an address's live code into the past, as fourteen days would. */
export function expireCode(email: string): void {
  withDb((sqlite) =>
    sqlite
      .prepare(
        `UPDATE activation_codes SET expires_at = '2000-01-01T00:00:00.000Z'
         WHERE email = ? AND used_at IS NULL AND revoked_at IS NULL`,
      )
      .run(email),
  );
}

export type LoginRecord = { role: string; accountId: string | null; hasPassword: number };

export function loginFor(email: string): LoginRecord | undefined {
  return withDb(
    (sqlite) =>
      sqlite
        .prepare(
          `SELECT role, account_id AS accountId, password_hash IS NOT NULL AS hasPassword
           FROM users WHERE email = ?`,
        )
        .get(email) as LoginRecord | undefined,
  );
}

/** Audit actions recorded about one account, oldest first. */
export function auditFor(accountId: string): string[] {
  return withDb(
    (sqlite) =>
      sqlite
        .prepare('SELECT action FROM audit_events WHERE subject = ? ORDER BY id')
        .pluck()
        .all(`account:${accountId}`) as string[],
  );
}
