import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDb } from '@/lib/testing/temp-db';
import { claimAccount, paidAccount, PROGRAM } from './accounts';
import { appendTransaction, payloadHashOf } from './append';
import { verifyLedger, verifyLedgerInParallel } from './verify';
import { BULK_ROWS, LedgerWriter } from './writer';

type Sqlite = ReturnType<typeof tempDb>['$client'];

function append(
  sqlite: Sqlite,
  key: string,
  postings: { account: string; asset: string; amountUnits: bigint }[],
  memo = {},
) {
  return sqlite.transaction(() =>
    appendTransaction(
      sqlite,
      { idempotencyKey: key, kind: 'test', actor: 'tester', memo },
      postings,
    ),
  )();
}

const owe = (account: string, asset: string, units: bigint) => [
  { account: claimAccount(account), asset, amountUnits: units },
  { account: PROGRAM.snapshot, asset, amountUnits: -units },
];

const balance = (sqlite: Sqlite, account: string, asset: string) =>
  sqlite
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck()
    .get(account, asset);

describe('the ledger', () => {
  it('appends a balanced transaction, projects balances and verifies', () => {
    const { $client: sqlite } = tempDb();
    const result = append(sqlite, 'k1', owe('acct-1', 'ETH', 123456789012123456789012345678n));
    expect(result).toMatchObject({ seq: 1, replayed: false, postings: 2 });
    expect(balance(sqlite, 'claim:acct-1', 'ETH')).toBe('123456789012123456789012345678');
    expect(balance(sqlite, PROGRAM.snapshot, 'ETH')).toBe('-123456789012123456789012345678');
    expect(verifyLedger(sqlite)).toMatchObject({ ok: true, transactions: 1, postings: 2 });
  });

  it('refuses a transaction that does not sum to zero per asset, writing nothing', () => {
    const { $client: sqlite } = tempDb();
    expect(() =>
      append(sqlite, 'k1', [
        { account: claimAccount('a'), asset: 'BTC', amountUnits: 5n },
        { account: PROGRAM.snapshot, asset: 'ETH', amountUnits: -5n },
      ]),
    ).toThrow(/does not balance/);
    expect(sqlite.prepare('SELECT count(*) FROM ledger_postings').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM ledger_balances').pluck().get()).toBe(0);
  });

  it('appends nothing twice for a retried key, and refuses the key with other content', () => {
    const { $client: sqlite } = tempDb();
    const first = append(sqlite, 'k1', owe('a', 'BTC', 10n));
    const retry = append(sqlite, 'k1', owe('a', 'BTC', 10n));
    expect(retry).toMatchObject({ seq: first.seq, hash: first.hash, replayed: true });
    expect(() => append(sqlite, 'k1', owe('a', 'BTC', 11n))).toThrow(/different request/);
    expect(sqlite.prepare('SELECT count(*) FROM ledger_transactions').pluck().get()).toBe(1);
    expect(balance(sqlite, 'claim:a', 'BTC')).toBe('10');
  });

  it('chains each transaction to the one before', () => {
    const { $client: sqlite } = tempDb();
    const one = append(sqlite, 'k1', owe('a', 'BTC', 1n));
    append(sqlite, 'k2', owe('b', 'BTC', 2n));
    expect(
      sqlite.prepare('SELECT prev_hash FROM ledger_transactions WHERE seq = 2').pluck().get(),
    ).toBe(one.hash);
  });
});

describe('fresh postings written in bulk', () => {
  it('are stored, hashed and projected exactly as one posting at a time, zeros and all', () => {
    const batches = fc.array(
      fc.array(fc.bigInt({ min: 0n, max: 3n }), { maxLength: 2 * BULK_ROWS + 30 }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(batches, (amounts) => {
        const { $client: sqlite } = tempDb();
        const header = { idempotencyKey: 'bulk', kind: 'test', actor: 'tester' };
        let n = 0;
        const postings = amounts.map((batch) =>
          batch.map((amountUnits) => ({
            account: claimAccount(`acct-${(n += 1)}`),
            asset: 'BTC',
            amountUnits,
          })),
        );
        const total = postings.flat().reduce((sum, p) => sum + p.amountUnits, 0n);
        const all = [
          ...postings.flat(),
          { account: PROGRAM.snapshot, asset: 'BTC', amountUnits: -total },
        ];
        const appended = sqlite.transaction(() => {
          const writer = new LedgerWriter(sqlite, header);
          for (const batch of postings) writer.postFresh(batch);
          writer.post(PROGRAM.snapshot, 'BTC', -total);
          return writer.commit({});
        })();
        const nonZero = all.filter((p) => p.amountUnits !== 0n);
        expect(appended.payloadHash).toBe(payloadHashOf(header, {}, all));
        const stored = sqlite
          .prepare('SELECT account, amount_units FROM ledger_postings ORDER BY id')
          .raw()
          .all();
        expect(stored).toEqual(nonZero.map((p) => [p.account, p.amountUnits.toString()]));
        for (const p of nonZero) expect(balance(sqlite, p.account, 'BTC')).toBe(`${p.amountUnits}`);
        expect(verifyLedger(sqlite)).toMatchObject({ ok: true, postings: nonZero.length });
      }),
      { numRuns: 25 },
    );
  });
});

describe('verify detects edits made behind the application', () => {
  function tampered(edit: (sqlite: Sqlite) => void) {
    const { $client: sqlite } = tempDb();
    append(sqlite, 'k1', owe('a', 'BTC', 100n));
    append(sqlite, 'k2', owe('b', 'BTC', 200n));
    append(sqlite, 'k3', [
      { account: paidAccount('a'), asset: 'BTC', amountUnits: 40n },
      { account: PROGRAM.payouts, asset: 'BTC', amountUnits: -40n },
    ]);
    expect(verifyLedger(sqlite).ok).toBe(true);
    sqlite.exec(
      'DROP TRIGGER ledger_postings_no_update; DROP TRIGGER ledger_postings_no_delete; DROP TRIGGER ledger_transactions_no_update; DROP TRIGGER ledger_transactions_no_delete;',
    );
    edit(sqlite);
    return verifyLedger(sqlite);
  }

  it('reports missing triggers first', () => {
    const result = tampered(() => undefined);
    expect(result.ok).toBe(false);
    expect(result.checks.triggers).toBe(false);
    expect(result.firstProblem).toMatch(/triggers missing/);
  });

  it('names the transaction whose posting amount was edited', () => {
    const result = tampered((s) =>
      s.exec(
        "UPDATE ledger_postings SET amount_units = '250' WHERE tx_seq = 2 AND amount_units = '200'",
      ),
    );
    expect(result.checks.balanced).toBe(false);
    expect(result.checks.chain).toBe(false);
    expect(result.problems.chain).toMatch(/transaction 2/);
  });

  it('names the transaction whose memo was edited', () => {
    const result = tampered((s) =>
      s.exec(`UPDATE ledger_transactions SET memo = '{"note":"forged"}' WHERE seq = 1`),
    );
    expect(result.problems.chain).toMatch(/transaction 1/);
  });

  it('finds a deleted transaction', () => {
    const result = tampered((s) =>
      s.exec(
        'DELETE FROM ledger_postings WHERE tx_seq = 2; DELETE FROM ledger_transactions WHERE seq = 2',
      ),
    );
    expect(result.problems.chain).toMatch(/transaction 3/);
    expect(result.checks.projection).toBe(false);
  });

  it('finds an inserted posting', () => {
    const result = tampered((s) =>
      s.exec(
        "INSERT INTO ledger_postings (tx_seq, account, asset, amount_units) VALUES (1, 'claim:a', 'BTC', '0')",
      ),
    );
    expect(result.problems.chain).toMatch(/transaction 1/);
  });

  it('finds a projection that disagrees with the postings', () => {
    const result = tampered((s) =>
      s.exec("UPDATE ledger_balances SET units = '999' WHERE account = 'claim:b'"),
    );
    expect(result.checks.chain).toBe(true);
    expect(result.problems.projection).toMatch(
      /claim:b in BTC: projection says 999, postings sum to 200/,
    );
  });

  it('finds a projection equal to each of two postings but not to their sum', async () => {
    const { $client: sqlite } = tempDb();
    append(sqlite, 'k1', owe('a', 'BTC', 100n));
    append(sqlite, 'k2', owe('a', 'BTC', 100n));
    sqlite.exec("UPDATE ledger_balances SET units = '100' WHERE account = 'claim:a'");
    const result = verifyLedger(sqlite);
    expect(result.checks.chain).toBe(true);
    expect(result.problems.projection).toMatch(
      /claim:a in BTC: projection says 100, postings sum to 200/,
    );
    expect(await verifyLedgerInParallel(sqlite)).toEqual(result);
  });

  it('finds a projection that copies a non-canonical posting amount', async () => {
    const { $client: sqlite } = tempDb();
    append(sqlite, 'k1', owe('a', 'BTC', 100n));
    sqlite.exec('DROP TRIGGER ledger_postings_no_update');
    sqlite.exec(
      "UPDATE ledger_postings SET amount_units = '0100' WHERE account = 'claim:a'; UPDATE ledger_balances SET units = '0100' WHERE account = 'claim:a'",
    );
    const result = verifyLedger(sqlite);
    expect(result.problems.chain).toMatch(/amount "0100" is not an integer count of units/);
    expect(result.problems.projection).toMatch(/claim:a in BTC: projection says 0100/);
    expect(await verifyLedgerInParallel(sqlite)).toEqual(result);
  });

  it('finds a posting moved to another transaction of the same size', () => {
    const { $client: sqlite } = tempDb();
    append(sqlite, 'k1', owe('a', 'BTC', 100n));
    append(sqlite, 'k2', owe('b', 'BTC', 100n));
    sqlite.exec('DROP TRIGGER ledger_postings_no_update');
    sqlite.exec('UPDATE ledger_postings SET tx_seq = 2 WHERE id = 2');
    expect(verifyLedger(sqlite).problems.chain).toMatch(
      /^transaction 1 \(test\): contents do not match/,
    );
  });

  it('finds the same problems when the recomputation runs on a second reader', async () => {
    const { $client: sqlite } = tempDb();
    append(sqlite, 'k1', owe('a', 'BTC', 100n));
    expect(await verifyLedgerInParallel(sqlite)).toEqual(verifyLedger(sqlite));
    sqlite.exec("UPDATE ledger_balances SET units = '7' WHERE account = 'claim:a'");
    const parallel = await verifyLedgerInParallel(sqlite);
    expect(parallel).toEqual(verifyLedger(sqlite));
    expect(parallel.problems.projection).toMatch(/claim:a in BTC: projection says 7/);
  });

  it('finds an overpaid account', () => {
    const result = tampered((s) => {
      s.exec("UPDATE ledger_balances SET units = '140' WHERE account = 'paid:a'");
    });
    expect(result.problems.noOverpay).toMatch(/a was paid 140 BTC units but is owed 100/);
  });
});

describe('random command sequences', () => {
  const command = fc.record({
    account: fc.constantFrom('a', 'b', 'c', 'ü', '😀'),
    asset: fc.constantFrom('BTC', 'ETH', 'USDT'),
    units: fc.bigInt({ min: 1n, max: 10n ** 40n }),
    kind: fc.constantFrom('owe', 'pay', 'retry'),
  });

  it('keep every invariant and match a simple in-memory model', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const { $client: sqlite } = tempDb();
        const model = new Map<string, bigint>();
        const add = (account: string, asset: string, units: bigint) =>
          model.set(`${account}|${asset}`, (model.get(`${account}|${asset}`) ?? 0n) + units);
        let lastKey: string | null = null;
        let lastPostings: Parameters<typeof append>[2] = [];
        commands.forEach((c, i) => {
          if (c.kind === 'retry' && lastKey) {
            expect(append(sqlite, lastKey, lastPostings).replayed).toBe(true);
            return;
          }
          const postings =
            c.kind === 'pay'
              ? [
                  { account: paidAccount(c.account), asset: c.asset, amountUnits: c.units },
                  { account: PROGRAM.payouts, asset: c.asset, amountUnits: -c.units },
                ]
              : owe(c.account, c.asset, c.units);
          append(sqlite, `k${i}`, postings);
          for (const p of postings) add(p.account, p.asset, p.amountUnits);
          lastKey = `k${i}`;
          lastPostings = postings;
        });
        const result = verifyLedger(sqlite);
        expect(result.checks.balanced && result.checks.chain && result.checks.projection).toBe(
          true,
        );
        for (const [key, units] of model) {
          const [account, asset] = key.split('|') as [string, string];
          expect(balance(sqlite, account, asset)).toBe(units.toString());
        }
      }),
      { numRuns: 40 },
    );
  });
});
