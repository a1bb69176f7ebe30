import type Database from 'better-sqlite3';
import { SqliteError } from 'better-sqlite3';
import { claimAccount } from '@/lib/ledger/accounts';
import { BULK_ROWS, type LedgerWriter, type Posting } from '@/lib/ledger/writer';
import { applyCoverage } from '@/lib/money';
import type { Problems } from './problems';
import type { BundleAsset } from './read-bundle';
import type { BalanceRow } from './rows';

export type AssetTotals = {
  snapshotUnits: bigint;
  claimUnits: bigint;
  remainders: bigint;
  accounts: number;
};

type Pending = { row: BalanceRow; line: number };

const bulkInsert = (rows: number) =>
  `INSERT INTO snapshot_lines (account_id, asset, balance_units) VALUES ${Array(rows).fill('(?, ?, ?)').join(', ')}`;

/**
 * Stores balance lines and posts their claims, BULK_ROWS at a time. A batch that breaks a
 * constraint (a duplicate line, an unknown account) is retried row by row, so every bad line is
 * reported as `balances.csv:line` and the good ones are still checked.
 */
export class BalanceSink {
  readonly totals = new Map<string, AssetTotals>();
  lines = 0;
  private pending: Pending[] = [];
  private readonly insertOne: Database.Statement;
  private readonly insertMany: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly ledger: LedgerWriter,
    private readonly problems: Problems,
    private readonly assets: () => ReadonlyMap<string, BundleAsset>,
  ) {
    this.insertOne = sqlite.prepare(bulkInsert(1));
    this.insertMany = sqlite.prepare(bulkInsert(BULK_ROWS));
  }

  add(row: BalanceRow, line: number): void {
    this.pending.push({ row, line });
    if (this.pending.length === BULK_ROWS) this.flush();
  }

  flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const stored =
      batch.length === BULK_ROWS && this.tryInsertAll(batch)
        ? batch
        : batch.filter((p) => this.insert(p));
    // Once anything is wrong the import will be rolled back: keep checking, stop computing.
    if (!this.problems.hasErrors) this.post(stored);
  }

  private tryInsertAll(batch: readonly Pending[]): boolean {
    try {
      this.insertMany.run(
        batch.flatMap(({ row }) => [row.accountId, row.asset, row.balanceUnits.toString()]),
      );
      return true;
    } catch (error) {
      if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) return false;
      throw error;
    }
  }

  private insert({ row, line }: Pending): boolean {
    try {
      this.insertOne.run(row.accountId, row.asset, row.balanceUnits.toString());
      return true;
    } catch (error) {
      const message = error instanceof SqliteError ? constraintMessage(error.code, row) : undefined;
      if (!message) throw error;
      this.problems.error('balances.csv', line, message);
      return false;
    }
  }

  private post(stored: readonly Pending[]): void {
    const assets = this.assets();
    const postings: Posting[] = [];
    for (const { row } of stored) {
      const asset = assets.get(row.asset);
      if (!asset) continue;
      postings.push({
        account: claimAccount(row.accountId),
        asset: row.asset,
        amountUnits: countClaim(this.totals, row, asset),
      });
      this.lines += 1;
    }
    // Each (account, asset) is new to the ledger: snapshot_lines' primary key just proved it.
    this.ledger.postFresh(postings);
  }
}

/** A balance line's claim under its asset's coverage, counted into the asset's totals. */
export function countClaim(
  totals: Map<string, AssetTotals>,
  row: BalanceRow,
  asset: BundleAsset,
): bigint {
  const { claimUnits, remainder } = applyCoverage(row.balanceUnits, asset.coverage);
  const t = totals.get(row.asset) ?? {
    snapshotUnits: 0n,
    claimUnits: 0n,
    remainders: 0n,
    accounts: 0,
  };
  t.snapshotUnits += row.balanceUnits;
  t.claimUnits += claimUnits;
  t.remainders += remainder;
  t.accounts += 1;
  totals.set(row.asset, t);
  return claimUnits;
}

export function duplicateBalanceMessage(row: { accountId: string; asset: string }): string {
  return `duplicate balance for account "${row.accountId}" and asset ${row.asset}`;
}

export function unknownAccountMessage(accountId: string): string {
  return `unknown account "${accountId}" (not in accounts.csv)`;
}

function constraintMessage(code: string, row: BalanceRow): string | undefined {
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return duplicateBalanceMessage(row);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return unknownAccountMessage(row.accountId);
  return undefined;
}
