import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimToJson, getClaim } from '@/lib/claims/get-claim';
import { verifyLedger } from '@/lib/ledger/verify';
import { parseCoverage } from '@/lib/money';
import { assetTotals } from '@/lib/reconciliation/asset-totals';
import { tempDb } from '@/lib/testing/temp-db';
import { generateBundle } from './generate';
import { importBundle } from './import-bundle';
import { IMPORT_REFUSALS, removeTestBundles, withExtraLine, writeTestBundle } from './test-bundle';

afterAll(removeTestBundles);

type Sqlite = ReturnType<typeof tempDb>['$client'];

const rowCount = (sqlite: Sqlite, table: string) =>
  sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

function expectNothingWritten(sqlite: Sqlite) {
  for (const table of [
    'snapshots',
    'accounts',
    'assets',
    'snapshot_lines',
    'ledger_transactions',
    'ledger_postings',
    'ledger_balances',
  ]) {
    expect(rowCount(sqlite, table), table).toBe(0);
  }
  expect(sqlite.prepare('SELECT name FROM sqlite_temp_master').all()).toEqual([]);
}

describe('importing a snapshot bundle', () => {
  it('computes exact claims, keeps dust and verifies', async () => {
    const db = tempDb();
    const result = await importBundle(db, { dir: await writeTestBundle(), actor: 'test' });
    expect(result).toMatchObject({ status: 'imported', accounts: 2, lines: 4 });
    const claim = claimToJson(getClaim(db.$client, 'acct-1')!);
    expect(claim.lines.find((l) => l.asset === 'ETH')).toMatchObject({
      snapshotBalance: '123456789012.123456789012345678',
      claim: '123456789012.123456789012345678',
    });
    const doge = assetTotals(db.$client).find((t) => t.asset === 'DOGE')!;
    // 7 × 0.85 = 5.95 exactly: no dust at 8 decimals.
    expect(doge).toMatchObject({ snapshotUnits: 700000000n, owedUnits: 595000000n, dust: '0' });
    expect(verifyLedger(db.$client).ok).toBe(true);
  });

  it('is a no-op the second time and refuses a different snapshot', async () => {
    const db = tempDb();
    const dir = await writeTestBundle();
    await importBundle(db, { dir, actor: 'test' });
    expect((await importBundle(db, { dir, actor: 'test' })).status).toBe('already-imported');
    const other = await writeTestBundle({
      'balances.csv': withExtraLine('balances.csv', 'acct-2,BTC,1'),
    });
    await expect(importBundle(db, { dir: other, actor: 'test' })).rejects.toThrow(
      /cannot be replaced/,
    );
    expect(rowCount(db.$client, 'ledger_transactions')).toBe(1);
  });

  for (const [defect, changes, message] of IMPORT_REFUSALS) {
    it(`refuses ${defect} with file:line and writes nothing`, async () => {
      const db = tempDb();
      const error = await importBundle(db, {
        dir: await writeTestBundle(changes),
        actor: 'test',
      }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expectNothingWritten(db.$client);
    });
  }

  it('writes exactly the same ledger when parsing on a worker thread', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'mw-par-')), 'bundle');
    await generateBundle({ accounts: 300, seed: 'parallel', outDir });
    const payloads = await Promise.all(
      [false, true].map(async (parallel) => {
        const db = tempDb();
        await importBundle(db, { dir: outDir, actor: 'test', parallel });
        expect(verifyLedger(db.$client).ok).toBe(true);
        return db.$client.prepare('SELECT payload_hash FROM ledger_transactions').pluck().get();
      }),
    );
    expect(payloads[1]).toBe(payloads[0]);
  });

  it('reports the same file:line errors when parsing on a worker thread', async () => {
    const changes = {
      'balances.csv': withExtraLine('balances.csv', 'acct-1,BTC,2\nacct-2,ETH,1e5\nacct-9,BTC,1'),
    };
    const messages = await Promise.all(
      [false, true].map(async (parallel) => {
        const db = tempDb();
        const error = (await importBundle(db, {
          dir: await writeTestBundle(changes),
          actor: 'test',
          parallel,
        }).catch((e: Error) => e)) as Error;
        expectNothingWritten(db.$client);
        return error.message;
      }),
    );
    expect(messages[0]).toMatch(
      /balances\.csv:6: duplicate balance[\s\S]*balances\.csv:7: .*exponent[\s\S]*balances\.csv:8: unknown account/,
    );
    expect(messages[1]).toBe(messages[0]);
  });

  it('reports the first 100 errors of a bundle with many, then a count, writing nothing', async () => {
    const db = tempDb();
    const bad = Array.from({ length: 150 }, (_, i) => `acct-x${i},BTC,1`).join('\n');
    const error = (await importBundle(db, {
      dir: await writeTestBundle({ 'balances.csv': withExtraLine('balances.csv', bad) }),
      actor: 'test',
    }).catch((e: Error) => e)) as Error;
    const lines = error.message.split('\n');
    expect(lines.filter((l) => l.startsWith('balances.csv:'))).toHaveLength(100);
    expect(error.message).toMatch(/and 50 more errors/);
    expectNothingWritten(db.$client);
  });

  it('reconciles any generated bundle: claims + dust = balance × coverage per asset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (accounts, seed) => {
          const outDir = join(mkdtempSync(join(tmpdir(), 'mw-prop-')), 'bundle');
          await generateBundle({ accounts, seed, outDir });
          const db = tempDb();
          await importBundle(db, { dir: outDir, actor: 'test' });
          for (const t of assetTotals(db.$client)) {
            const coverage = parseCoverage(t.coverage);
            const dustScale = 10n ** BigInt(coverage.scale);
            const dustScaled = scaledDust(t.dust, t.decimals + coverage.scale);
            expect(t.initialClaimUnits * dustScale + dustScaled).toBe(
              t.snapshotUnits * coverage.numerator,
            );
          }
          expect(verifyLedger(db.$client).ok).toBe(true);
          db.$client.close();
        },
      ),
      { numRuns: 8 },
    );
  });
});

/** The dust text (in asset terms) as an integer at `scale` decimals. */
function scaledDust(dust: string, scale: number): bigint {
  const [whole = '0', fraction = ''] = dust.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
}
