import { eq, sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { tempPostgres, type TempPostgres } from '@/lib/testing/temp-postgres';
import { openAnyDatabase, row, rows, run, type Database } from './database';
import type { User } from './schema';

// The one data layer, held to the same behaviour on both engines. `servers` are two Database
// objects on one database: two app servers on PostgreSQL. On SQLite two servers are two processes
// (the two-process journeys); within a process there is one.

type Setup = { servers: Database[]; done(): Promise<void> };

async function onSqlite(): Promise<Setup> {
  const file = join(mkdtempSync(join(tmpdir(), 'mw-database-')), 'test.db');
  const database = await openAnyDatabase(`file:${file}`);
  return { servers: [database], done: () => database.close() };
}

async function onPostgres(): Promise<Setup> {
  const server: TempPostgres = await tempPostgres();
  const servers = [await openAnyDatabase(server.url), await openAnyDatabase(server.url)];
  return {
    servers,
    async done() {
      await Promise.all(servers.map((s) => s.close()));
      await server.drop();
    },
  };
}

const NOW = '2026-01-01T00:00:00Z';

describe.each([
  ['SQLite', onSqlite],
  ['PostgreSQL', onPostgres],
])('the data layer on %s', (_engine, open) => {
  let setup: Setup;
  let database: Database;
  beforeAll(async () => {
    setup = await open();
    database = setup.servers[0]!;
  });
  afterAll(async () => setup?.done());

  it('writes and reads rows of the schema’s own types through one builder', async () => {
    const t = database.tables;
    const [created] = await database.transaction((tx) =>
      tx
        .insert(t.users)
        .values({ email: 'alice@example.test', role: 'claimant', createdAt: NOW })
        .returning(),
    );
    const found = await database.read
      .select()
      .from(t.users)
      .where(eq(t.users.email, 'alice@example.test'));
    expectTypeOf(found).toEqualTypeOf<User[]>();
    expect(found).toEqual([created]);
    expect(found[0]).toMatchObject({ role: 'claimant', passwordHash: null, totpLastStep: null });
    expect(typeof found[0]!.id).toBe('number');
  });

  it('keeps an amount of 78 digits exactly, as the same string', async () => {
    const t = database.tables;
    const units = `-${'9'.repeat(77)}`;
    await database.transaction((tx) =>
      tx.insert(t.ledgerBalances).values({ account: 'claim:a', asset: 'BTC', units }),
    );
    const [balance] = await database.read
      .select({ units: t.ledgerBalances.units })
      .from(t.ledgerBalances)
      .where(eq(t.ledgerBalances.account, 'claim:a'));
    expect(balance).toEqual({ units });
  });

  it('lands all of a transaction’s writes or none of them', async () => {
    const t = database.tables;
    await expect(
      database.transaction(async (tx) => {
        await tx.insert(t.settings).values({ key: 'first', value: '1' });
        await tx.insert(t.settings).values({ key: 'first', value: 'again' });
      }),
    ).rejects.toThrow();
    expect(await database.read.select().from(t.settings)).toEqual([]);
  });

  it('never lets a read outside a transaction see what an open one has not committed', async () => {
    const t = database.tables;
    let seenInside: unknown[] = ['not read'];
    await database.transaction(async (tx) => {
      await tx.insert(t.settings).values({ key: 'pending', value: 'x' });
      seenInside = await database.read
        .select()
        .from(t.settings)
        .where(eq(t.settings.key, 'pending'));
      expect(await tx.select().from(t.settings).where(eq(t.settings.key, 'pending'))).toHaveLength(
        1,
      );
    });
    expect(seenInside).toEqual([]);
    expect(
      await database.read.select().from(t.settings).where(eq(t.settings.key, 'pending')),
    ).toEqual([{ key: 'pending', value: 'x' }]);
  });

  it('refuses a write outside a transaction', async () => {
    const t = database.tables;
    const refusal = await database.read
      .insert(t.settings)
      .values({ key: 'stray', value: 'x' })
      .then(
        () => 'written',
        (error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`,
      );
    expect(refusal).toMatch(/read-only|readonly/);
    expect(
      await database.read.select().from(t.settings).where(eq(t.settings.key, 'stray')),
    ).toEqual([]);
  });

  it('runs raw statements the same way on both engines', async () => {
    await database.transaction(async (tx) => {
      expect(
        await run(tx, sql`INSERT INTO settings (key, value) VALUES ('raw-a', '1'), ('raw-b', '2')`),
      ).toBe(2);
      expect(await run(tx, sql`UPDATE settings SET value = '3' WHERE key LIKE 'raw-%'`)).toBe(2);
    });
    expect(
      await rows(
        database.read,
        sql`SELECT key, value FROM settings WHERE key LIKE 'raw-%' ORDER BY key`,
      ),
    ).toEqual([
      { key: 'raw-a', value: '3' },
      { key: 'raw-b', value: '3' },
    ]);
    expect(
      await row(database.read, sql`SELECT count(*) AS n FROM settings WHERE key LIKE 'raw-%'`),
    ).toEqual({
      n: 2,
    });
  });

  it('compiles a hot read once and runs it with each value', async () => {
    const t = database.tables;
    await database.transaction((tx) =>
      tx.insert(t.settings).values([
        { key: 'hot-a', value: 'A' },
        { key: 'hot-b', value: 'B' },
      ]),
    );
    const build = (read: typeof database.read) =>
      read
        .select({ value: t.settings.value })
        .from(t.settings)
        .where(eq(t.settings.key, sql.placeholder('key')));
    const byKey = database.prepared('settings_by_key', build);
    expect(database.prepared('settings_by_key', build)).toBe(byKey);
    expect(await byKey.execute({ key: 'hot-a' })).toEqual([{ value: 'A' }]);
    expect(await byKey.execute({ key: 'hot-b' })).toEqual([{ value: 'B' }]);
    expect(await byKey.execute({ key: 'absent' })).toEqual([]);
  });

  it('serialises ledger transactions across servers: 50 read-then-write appends all count', async () => {
    const t = database.tables;
    await database.transaction((tx) =>
      tx.insert(t.settings).values({ key: 'counter', value: '0' }),
    );
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        setup.servers[i % setup.servers.length]!.transaction(
          async (tx) => {
            const [current] = await tx
              .select()
              .from(t.settings)
              .where(eq(t.settings.key, 'counter'));
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx
              .update(t.settings)
              .set({ value: String(Number(current!.value) + 1) })
              .where(eq(t.settings.key, 'counter'));
          },
          { ledger: true },
        ),
      ),
    );
    const [counter] = await database.read
      .select()
      .from(t.settings)
      .where(eq(t.settings.key, 'counter'));
    expect(counter?.value).toBe('50');
  });
});
