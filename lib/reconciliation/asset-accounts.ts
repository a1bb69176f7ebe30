import type Database from 'better-sqlite3';
import { claimAccount, claimantIdSql, CLAIM_RANGE } from '@/lib/ledger/accounts';

export const ACCOUNT_FILTERS = ['all', 'acknowledged', 'disputed'] as const;
export type AccountFilter = (typeof ACCOUNT_FILTERS)[number];

export type AssetAccountRow = {
  accountId: string;
  claimUnits: bigint;
  paidUnits: bigint;
  outstandingUnits: bigint;
  state: 'acknowledged' | 'disputed' | null;
  inLiveBatch: boolean;
};

export const ACCOUNTS_PAGE = 50;

type Lookup = ReturnType<typeof lookups>;

function lookups(sqlite: Database.Database, asset: string) {
  const balance = sqlite
    .prepare('SELECT units FROM ledger_balances WHERE account = ? AND asset = ?')
    .pluck();
  const state = sqlite.prepare(
    'SELECT status, live FROM claim_state_lines WHERE account_id = ? AND asset = ?',
  );
  return {
    units: (account: string) => BigInt((balance.get(account, asset) as string | undefined) ?? '0'),
    state: (accountId: string) =>
      state.get(accountId, asset) as
        { status: 'acknowledged' | 'disputed'; live: number } | undefined,
  };
}

function row(lookup: Lookup, accountId: string): AssetAccountRow {
  const claimUnits = lookup.units(`claim:${accountId}`);
  const paidUnits = lookup.units(`paid:${accountId}`);
  const state = lookup.state(accountId);
  return {
    accountId,
    claimUnits,
    paidUnits,
    outstandingUnits: claimUnits - paidUnits,
    state: state?.status ?? null,
    inLiveBatch: state?.live === 1,
  };
}

/**
 * One page of the accounts owed an asset, in account order after `after` (keyset paging: each
 * page costs the same however deep). `acknowledged` / `disputed` read the claim-state index.
 */
export function assetAccounts(
  sqlite: Database.Database,
  options: { asset: string; filter: AccountFilter; after?: string | null },
): { rows: AssetAccountRow[]; next: string | null } {
  const { asset, filter } = options;
  const after = options.after ?? '';
  const ids =
    filter === 'all'
      ? (sqlite
          .prepare(
            `SELECT ${claimantIdSql('account')} FROM ledger_balances
             WHERE account > ? AND account < ? AND asset = ? ORDER BY account LIMIT ?`,
          )
          .pluck()
          .all(claimAccount(after), CLAIM_RANGE[1], asset, ACCOUNTS_PAGE + 1) as string[])
      : (sqlite
          .prepare(
            `SELECT account_id FROM claim_state_lines
             WHERE status = ? AND live IN (0, 1) AND asset = ? AND account_id > ?
             ORDER BY account_id LIMIT ?`,
          )
          .pluck()
          .all(filter, asset, after, ACCOUNTS_PAGE + 1) as string[]);
  const page = ids.slice(0, ACCOUNTS_PAGE);
  const lookup = lookups(sqlite, asset);
  return {
    rows: page.map((id) => row(lookup, id)),
    next: ids.length > ACCOUNTS_PAGE ? (page.at(-1) ?? null) : null,
  };
}
