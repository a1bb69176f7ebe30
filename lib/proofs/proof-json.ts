/** The two downloadable proof formats and the published-root reference (pure: browser-safe). */

export type BalancesJson = Record<string, string>;

/** Makewhole's own format (docs/PROOFS.md): integer units, every node checkable step by step. */
export type MakewholeProofJson = {
  format: 'makewhole-proof/v1';
  accountId: string;
  nonce: string;
  balances: BalancesJson;
  leafHash: string;
  path: { side: 'left' | 'right'; hash: string; balances: BalancesJson; parentHash: string }[];
  root: {
    hash: string;
    totals: BalancesJson;
    claimSetVersion: string;
    snapshotAt: string | null;
    leafCount: number;
    ledgerTx: number;
    publishedAt: string;
  };
};

/** The JSON the model exchange's own proof-of-reserves verifier reads (decimal asset units). */
export type CoinexProofJson = {
  root: { balances: BalancesJson; hash: string };
  self: { balances: BalancesJson; nonce: string };
  path: ({ balances: BalancesJson; hash: string; pos: 'left' | 'right' } | Record<string, never>)[];
};

/** A root as the public page lists it: what a downloaded proof is compared against. */
export type PublishedRootRef = {
  hash: string;
  coinexHash: string | null;
  ledgerTx: number;
  publishedAt: string;
};
