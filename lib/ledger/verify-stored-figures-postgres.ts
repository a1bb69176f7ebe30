import { sql } from 'drizzle-orm';
import { rows, type Query } from '@/db/database';
import { applyCoverage } from '@/lib/money/coverage';
import { BatchItemsDigest } from '@/lib/payouts/items-hash';
import { BATCH_APPROVED } from './vocabulary';
import { keysetPages, PAGE_ROWS } from './keyset-pages';
import {
  approvalCommitment,
  assetFiguresDifference,
  CLAIM_EVENT_KINDS,
  ClaimStateCheck,
  coverages,
  emptyClaimEventFold,
  foldClaimEvent,
  payoutItemsDifference,
  unknownAssetMessage,
  type AssetRow,
  type Totals,
} from './verify-stored-figures';

// verify-stored-figures.ts's checks on PostgreSQL, in its words: sums in numeric, exact; the
// lines that need a per-line computation (partial coverage) streamed in pages by key.

type Line = { account_id: string; asset: string; units: string };

async function assetRows(q: Query): Promise<AssetRow[]> {
  const stored = await rows<{
    asset: string;
    decimals: number;
    coverage: string;
    snapshot_units: string;
    initial_claim_units: string;
    dust: string;
    accounts: number;
  }>(
    q,
    sql`SELECT asset, decimals, coverage, snapshot_units::text AS snapshot_units,
               initial_claim_units::text AS initial_claim_units, dust, accounts
        FROM assets ORDER BY asset`,
  );
  return stored.map((a) => [
    a.asset,
    a.decimals,
    a.coverage,
    a.snapshot_units,
    a.initial_claim_units,
    a.dust,
    a.accounts,
  ]);
}

/** Each asset's snapshot total, account count, initial claims and dust, recomputed. */
async function assetFiguresProblem(q: Query): Promise<string | null> {
  const assets = await assetRows(q);
  const coverage = coverages(assets);
  const sums = await rows<{ asset: string; units: string; lines: number }>(
    q,
    sql`SELECT asset, sum(balance_units)::text AS units, count(*) AS lines
        FROM snapshot_lines GROUP BY asset`,
  );
  // Only when some line's asset is unknown: which line comes first, in key order.
  if (sums.some(({ asset }) => !coverage.has(asset))) {
    const [unknown] = await rows<{ asset: string }>(
      q,
      sql`SELECT l.asset FROM snapshot_lines l
          WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.asset = l.asset)
          ORDER BY l.account_id, l.asset LIMIT 1`,
    );
    return unknownAssetMessage(unknown!.asset);
  }
  const totals = new Map<string, Totals>();
  for (const { asset, units, lines } of sums) {
    const snapshotUnits = BigInt(units);
    totals.set(asset, {
      snapshotUnits,
      claimUnits: snapshotUnits,
      remainders: 0n,
      accounts: lines,
    });
  }
  const partial = [...coverage].filter(([, cover]) => !cover.whole).map(([asset]) => asset);
  if (partial.length === 0) return assetFiguresDifference(assets, totals);
  for (const asset of partial) {
    const t = totals.get(asset);
    if (t) Object.assign(t, { claimUnits: 0n, remainders: 0n });
  }
  const inPartial = sql.join(
    partial.map((asset) => sql`${asset}`),
    sql`, `,
  );
  const lines = keysetPages<Line>(
    q,
    (after) => sql`SELECT account_id, asset, balance_units::text AS units FROM snapshot_lines
                   WHERE asset IN (${inPartial})
                   ${after ? sql`AND (account_id, asset) > (${after.account_id}, ${after.asset})` : sql``}
                   ORDER BY account_id, asset LIMIT ${PAGE_ROWS}`,
  );
  for await (const { asset, units } of lines) {
    const t = totals.get(asset)!;
    const { claimUnits, remainder } = applyCoverage(BigInt(units), coverage.get(asset)!);
    t.claimUnits += claimUnits;
    t.remainders += remainder;
  }
  return assetFiguresDifference(assets, totals);
}

/** Every approved batch's lines still hash to what its approval committed to. */
async function payoutItemsProblem(q: Query): Promise<string | null> {
  const approvals = keysetPages<{ seq: number; memo: string }>(
    q,
    (after) => sql`SELECT seq, memo FROM ledger_transactions
                   WHERE kind = ${BATCH_APPROVED.kind} ${after ? sql`AND seq > ${after.seq}` : sql``}
                   ORDER BY seq LIMIT ${PAGE_ROWS}`,
  );
  for await (const { seq, memo } of approvals) {
    const approval = approvalCommitment(seq, memo);
    if (typeof approval === 'string') return approval;
    if (approval === null) continue;
    const digest = new BatchItemsDigest();
    const items = keysetPages<Line>(
      q,
      (after) => sql`SELECT account_id, asset, amount_units::text AS units FROM payout_items
                     WHERE batch_id = ${approval.batchId}
                     ${after ? sql`AND (account_id, asset) > (${after.account_id}, ${after.asset})` : sql``}
                     ORDER BY account_id, asset LIMIT ${PAGE_ROWS}`,
    );
    for await (const { account_id, asset, units } of items) digest.add(account_id, asset, units);
    const problem = payoutItemsDifference(approval, digest.hex());
    if (problem) return problem;
  }
  return null;
}

/** claim_status and disputes recomputed from the ledger's claim events. */
async function claimEventsProblem(q: Query): Promise<string | null> {
  const fold = emptyClaimEventFold();
  const kinds = sql.join(
    CLAIM_EVENT_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const events = keysetPages<{ seq: number; kind: string; memo: string }>(
    q,
    (after) => sql`SELECT seq, kind, memo FROM ledger_transactions
                   WHERE kind IN (${kinds}) ${after ? sql`AND seq > ${after.seq}` : sql``}
                   ORDER BY seq LIMIT ${PAGE_ROWS}`,
  );
  for await (const { seq, kind, memo } of events) foldClaimEvent(fold, seq, kind, memo);
  if (fold.unreadable) return fold.unreadable;
  const check = new ClaimStateCheck(fold);
  const states = keysetPages<{
    account_id: string;
    status: string;
    acknowledged_version: string | null;
  }>(
    q,
    (after) => sql`SELECT account_id, status, acknowledged_version FROM claim_status
                   ${after ? sql`WHERE account_id > ${after.account_id}` : sql``}
                   ORDER BY account_id LIMIT ${PAGE_ROWS}`,
  );
  for await (const s of states) {
    const problem = check.claimStatus([s.account_id, s.status, s.acknowledged_version]);
    if (problem) return problem;
  }
  const missing = check.claimStatusEnd();
  if (missing) return missing;
  const disputes = keysetPages<{
    id: number;
    account_id: string;
    status: string;
    opened_tx_seq: number;
  }>(
    q,
    (after) => sql`SELECT id, account_id, status, opened_tx_seq FROM disputes
                   ${after ? sql`WHERE id > ${after.id}` : sql``}
                   ORDER BY id LIMIT ${PAGE_ROWS}`,
  );
  for await (const d of disputes) {
    const problem = check.dispute([d.id, d.account_id, d.status, d.opened_tx_seq]);
    if (problem) return problem;
  }
  return check.disputesEnd();
}

/** The first stored figure beside the ledger that differs from its recomputation, or null. */
export async function storedFiguresProblem(q: Query): Promise<string | null> {
  return (
    (await assetFiguresProblem(q)) ?? (await payoutItemsProblem(q)) ?? (await claimEventsProblem(q))
  );
}
