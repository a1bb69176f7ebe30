import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { extraServerPort, startAppServer } from '../support/app-server';
import { runCli } from '../support/cli';
import { e2eDatabaseFile } from '../support/journey-database';
import { storageStatePath, type LoginName } from '../support/logins';

/** A copy of the journeys' database, so that no other journey writes while this one counts. */
const folder = `data/e2e-${process.env.E2E_PORT ?? 3100}-get-copy`;
const copyFile = `${folder}/copy.db`;

/** Every URL path the app answers GET on, read from the file tree: a new route is covered. */
function getRoutes(dir = 'app'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return getRoutes(path);
    const isPage = name === 'page.tsx';
    const isGetHandler =
      name === 'route.ts' &&
      /export (const|async function|function) GET\b/.test(readFileSync(path, 'utf8'));
    if (!isPage && !isGetHandler) return [];
    const segments = relative('app', dir)
      .split(sep)
      .filter((s) => s && !/^\(.*\)$/.test(s));
    return [`/${segments.join('/')}`];
  });
}

/** Each dynamic segment, with its parent folder, filled with a real value from the copy. */
function fillSegments(sqlite: Database.Database): (route: string) => string {
  const one = (sql: string) => String(sqlite.prepare(sql).pluck().get());
  const filled: Record<string, string> = {
    'payouts/[id]': `payouts/${one('SELECT min(id) FROM payout_batches')}`,
    'disputes/[id]': `disputes/${one('SELECT min(id) FROM disputes')}`,
    'assets/[asset]': `assets/${one('SELECT asset FROM assets ORDER BY asset LIMIT 1')}`,
    'accounts/[accountId]': `accounts/${one('SELECT id FROM accounts ORDER BY id LIMIT 1')}`,
    'auth/[...nextauth]': 'auth/session',
  };
  return (route) =>
    Object.entries(filled).reduce((path, [segment, value]) => path.replace(segment, value), route);
}

/** What a write would change: the ledger's head, and a digest of every row of every table. */
function fingerprint(sqlite: Database.Database): Record<string, unknown> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return {
    head: sqlite
      .prepare('SELECT seq, hash FROM ledger_transactions ORDER BY seq DESC LIMIT 1')
      .get(),
    tables: Object.fromEntries(tables.map((t) => [t, tableDigest(sqlite, t)])),
  };
}

function tableDigest(sqlite: Database.Database, table: string): string {
  const rows = (sqlite.prepare(`SELECT * FROM "${table}"`).all() as object[]).map((row) =>
    JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}` : value)),
  );
  return createHash('sha256').update(rows.sort().join('\n')).digest('hex');
}

test.beforeAll(() => {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
});

test('no GET route writes, whoever asks', async ({ browser }) => {
  test.setTimeout(180_000);
  const backup = runCli(e2eDatabaseFile(), ['backup', copyFile]);
  expect(backup.status, backup.stderr).toBe(0);
  const sqlite = new Database(copyFile, { readonly: true });
  const routes = getRoutes().map(fillSegments(sqlite));
  expect(routes.filter((route) => route.includes('['))).toEqual([]);
  expect(routes).toContain('/proof');
  expect(routes).toContain('/api/claim/proof');
  const before = fingerprint(sqlite);
  sqlite.close();

  const server = await startAppServer({ port: extraServerPort(9), databaseFile: copyFile });
  try {
    const roles: (LoginName | null)[] = [null, 'claimant', 'finance1', 'admin'];
    for (const role of roles) {
      const context = await browser.newContext(
        role ? { storageState: storageStatePath(role) } : {},
      );
      for (const route of routes) {
        const response = await context.request.get(`${server.origin}${route}`, { maxRedirects: 0 });
        expect(response.status(), `${role ?? 'anonymous'} GET ${route}`).toBeLessThan(500);
      }
      await context.close();
    }
  } finally {
    await server.stop();
  }
  const after = new Database(copyFile, { readonly: true });
  try {
    expect(fingerprint(after)).toEqual(before);
  } finally {
    after.close();
  }
});
