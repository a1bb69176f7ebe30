import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { extraServerPort, startAppServer } from '../support/app-server';
import { runCli } from '../support/cli';
import { e2eDatabaseFile } from '../support/journey-database';
import { postCredentials } from '../support/credentials';

/** ADDRESS_POLICY (lib/auth/throttle.ts): failures from one address before it must wait. */
const FREE_ATTEMPTS_PER_ADDRESS = 30;

/** What the reverse proxy in front of the server saw and appended to X-Forwarded-For. */
const PROXY_SAW = '203.0.113.50';

test('a sprayer writing a new X-Forwarded-For on every guess is still throttled as one address', async () => {
  // On a copy: the throttle this journey trips is shared through the database.
  const copy = `data/e2e-${process.env.E2E_PORT ?? 3100}-spoofed.db`;
  rmSync(copy, { force: true });
  const backup = runCli(e2eDatabaseFile(), ['backup', copy]);
  expect(backup.status, backup.stderr).toBe(0);
  // The sprayed emails have no login, so the trail names them by keyed digest: read what follows.
  const lastBefore = lastAuditId(copy);
  const server = await startAppServer({
    port: extraServerPort(8),
    databaseFile: copy,
    env: { TRUSTED_PROXIES: '1' },
  });
  try {
    for (let i = 0; i <= FREE_ATTEMPTS_PER_ADDRESS; i += 1) {
      const response = await postCredentials(
        server.origin,
        { email: `sprayed${i}@demo.test`, password: 'not-the-password' },
        { 'X-Forwarded-For': `198.51.100.${i}, ${PROXY_SAW}` },
      );
      expect(response.headers.getSetCookie().join()).not.toContain('session-token');
    }
  } finally {
    await server.stop();
  }
  const sqlite = new Database(copy, { readonly: true });
  const audits = sqlite
    .prepare(
      `SELECT action, json_extract(detail, '$.address') AS address FROM audit_events
        WHERE id > ? AND action LIKE 'auth.%' ORDER BY id`,
    )
    .all(lastBefore) as { action: string; address: string }[];
  sqlite.close();
  expect(audits).toHaveLength(FREE_ATTEMPTS_PER_ADDRESS + 1);
  expect(new Set(audits.map((a) => a.address))).toEqual(new Set([PROXY_SAW]));
  expect(audits.at(-1)!.action).toBe('auth.sign_in_throttled');
});

function lastAuditId(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_events').pluck().get() as number;
  } finally {
    sqlite.close();
  }
}
