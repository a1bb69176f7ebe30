import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  BATCH_STATUSES,
  CLAIM_STATE_STATUSES,
  CLAIM_STATUSES,
  CODE_PURPOSES,
  DISPUTE_STATUSES,
  JOB_KINDS,
  JOB_STATUSES,
  OUTBOX_STATUSES,
  PROPOSAL_STATUSES,
  ROLES,
  STAFF_REQUEST_KINDS,
  STAFF_ROLES,
} from './enums';

export * from './enums';

// Amounts are stored as TEXT holding a signed integer count of the asset's smallest unit
// (`*_units`): exact at any size, never REAL. Times are ISO-8601 UTC strings.

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ROLES }).notNull(),
    accountId: text('account_id'),
    totpSecret: text('totp_secret'),
    /** The 30-second step of the last code accepted: a code is good for one sign-in only. */
    totpLastStep: integer('totp_last_step'),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull(),
  },
  // The user list filters by role among a million claimant logins; activation finds an
  // account's login.
  // One claimant login per account: a second binding is refused by the database itself.
  (t) => [
    index('users_role').on(t.role, t.id),
    index('users_account').on(t.accountId),
    uniqueIndex('users_one_claimant_per_account')
      .on(t.accountId)
      .where(sql`role = 'claimant' AND account_id IS NOT NULL`),
  ],
);

/**
 * Failed attempts per key (an email, a source address) under a scope (sign-in, activation code,
 * code request): shared by every app process, so guessing cannot be spread across them.
 */
export const throttles = sqliteTable(
  'throttles',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    /** Milliseconds since the epoch. */
    lastFailureAt: integer('last_failure_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('throttles_age').on(t.scope, t.lastFailureAt),
  ],
);

/**
 * One row per signed-in browser. The session token names its row, and every request checks the
 * row is still live: signing out, or disabling the login, ends the session at once rather than
 * when the token expires.
 */
export const loginSessions = sqliteTable(
  'login_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    endedAt: text('ended_at'),
    endedReason: text('ended_reason'),
  },
  (t) => [
    index('login_sessions_user').on(t.userId),
    // Sessions past their expiry are deleted at each sign-in.
    index('login_sessions_expiry').on(t.expiresAt),
  ],
);

export const snapshots = sqliteTable('snapshots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  program: text('program').notNull(),
  snapshotAt: text('snapshot_at').notNull(),
  coverage: text('coverage').notNull(),
  bundleHash: text('bundle_hash').notNull().unique(),
  files: text('files').notNull(),
  importedAt: text('imported_at').notNull(),
  txSeq: integer('tx_seq').notNull(),
});

export const assets = sqliteTable('assets', {
  asset: text('asset').primaryKey(),
  name: text('name').notNull(),
  decimals: integer('decimals').notNull(),
  chains: text('chains').notNull(),
  usdPrice: text('usd_price'),
  coverage: text('coverage').notNull(),
  // Fixed at import: Σ balances, Σ initial claims, the dust left by flooring, account count.
  snapshotUnits: text('snapshot_units').notNull(),
  initialClaimUnits: text('initial_claim_units').notNull(),
  dust: text('dust').notNull(),
  accounts: integer('accounts').notNull(),
});

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name'),
});

export const snapshotLines = sqliteTable(
  'snapshot_lines',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    // No foreign key to assets: assets are written last, with their totals; the importer
    // checks every asset against the bundle's assets.csv before it writes a line.
    asset: text('asset').notNull(),
    balanceUnits: text('balance_units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.asset] })],
);

export const ledgerTransactions = sqliteTable(
  'ledger_transactions',
  {
    seq: integer('seq').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
    payloadHash: text('payload_hash').notNull(),
    memo: text('memo').notNull(),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    // A transaction's postings are the contiguous id range written just before its row.
    firstPostingId: integer('first_posting_id'),
    postingCount: integer('posting_count').notNull(),
  },
  // Reconciliation charts read the few adjustment and payout transactions among millions.
  (t) => [index('ledger_transactions_kind').on(t.kind, t.seq)],
);

export const ledgerPostings = sqliteTable(
  'ledger_postings',
  {
    id: integer('id').primaryKey(),
    // No foreign key: a transaction's row is written after its postings, once their hash is
    // known. `verify` proves every posting belongs to a transaction.
    txSeq: integer('tx_seq').notNull(),
    account: text('account').notNull(),
    asset: text('asset').notNull(),
    amountUnits: text('amount_units').notNull(),
  },
  // Covering (amount included): an account's history and verify's recomputation read the
  // index alone.
  (t) => [index('ledger_postings_account').on(t.account, t.asset, t.amountUnits)],
);

// Projection of ledger_postings: the balance of every ledger account per asset.
export const ledgerBalances = sqliteTable(
  'ledger_balances',
  {
    account: text('account').notNull(),
    asset: text('asset').notNull(),
    units: text('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.asset] })],
);

// Projection of claim events per account.
export const claimStatus = sqliteTable('claim_status', {
  accountId: text('account_id').primaryKey(),
  status: text('status', { enum: CLAIM_STATUSES }).notNull(),
  acknowledgedVersion: text('acknowledged_version'),
  updatedAt: text('updated_at').notNull(),
});

export const disputes = sqliteTable(
  'disputes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id').notNull(),
    claimVersion: text('claim_version').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull(),
    lines: text('lines').notNull(),
    explanation: text('explanation').notNull(),
    references: text('references').notNull(),
    openedAt: text('opened_at').notNull(),
    openedTxSeq: integer('opened_tx_seq').notNull(),
    resolution: text('resolution'),
    resolvedBy: integer('resolved_by'),
    resolvedAt: text('resolved_at'),
    resolvedTxSeq: integer('resolved_tx_seq'),
  },
  (t) => [index('disputes_account').on(t.accountId), index('disputes_status').on(t.status)],
);

/**
 * Four eyes on claim adjustments: one finance user proposes new amounts, another approves (which
 * appends the adjustment) or rejects. A proposal changes no claim, version or balance.
 */
export const adjustmentProposals = sqliteTable(
  'adjustment_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id),
    accountId: text('account_id').notNull(),
    // JSON [{asset, toUnits}]: the new claim of each chosen line, in units.
    lines: text('lines').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    proposedBy: integer('proposed_by').notNull(),
    proposerEmail: text('proposer_email').notNull(),
    proposedAt: text('proposed_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: text('decided_at'),
    decisionReason: text('decision_reason'),
    txSeq: integer('tx_seq'),
  },
  // At most one proposal awaits a decision per dispute.
  (t) => [
    uniqueIndex('adjustment_proposals_one_pending')
      .on(t.disputeId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * A change of who may move money, made by one admin and carried out only when a different admin
 * approves it: a new finance or admin login, a role change, re-enabling a disabled login, a reset
 * of a staff member's two-factor. The database itself refuses a decision by the requester.
 */
export const staffRequests = sqliteTable(
  'staff_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: STAFF_REQUEST_KINDS }).notNull(),
    // The login the request changes; null for a login still to be created.
    targetUserId: integer('target_user_id').references(() => users.id),
    email: text('email').notNull(),
    role: text('role', { enum: STAFF_ROLES }),
    // A new login's initial password, hashed when the request is made.
    passwordHash: text('password_hash'),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
  },
  (t) => [
    // One pending request per login (or per email for a login to be created).
    uniqueIndex('staff_requests_one_pending')
      .on(t.email)
      .where(sql`status = 'pending'`),
    check('staff_requests_four_eyes', sql`decided_by IS NULL OR decided_by <> requested_by`),
  ],
);

export const payoutBatches = sqliteTable(
  'payout_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: BATCH_STATUSES }).notNull(),
    assetFilter: text('asset_filter'),
    lineCount: integer('line_count').notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    approvedBy: integer('approved_by'),
    approvedAt: text('approved_at'),
    executedBy: integer('executed_by'),
    executedAt: text('executed_at'),
    reference: text('reference'),
    cancelledBy: integer('cancelled_by'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    // The creating form's request id: a double click or a retry finds the batch it created.
    requestId: text('request_id'),
  },
  (t) => [uniqueIndex('payout_batches_request').on(t.requestId)],
);

export const payoutItems = sqliteTable(
  'payout_items',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    amountUnits: text('amount_units').notNull(),
    // 1 while the batch is pending or approved: a line is never in two live batches.
    live: integer('live').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.accountId, t.asset] }),
    uniqueIndex('payout_items_one_live')
      .on(t.accountId, t.asset)
      .where(sql`live = 1`),
    // A claimant's payments, and whether an account sits in any batch.
    index('payout_items_account').on(t.accountId, t.batchId),
  ],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorUserId: integer('actor_user_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    subject: text('subject'),
    detail: text('detail'),
  },
  (t) => [
    index('audit_events_action').on(t.action),
    index('audit_events_at').on(t.at),
    index('audit_events_actor').on(t.actorEmail),
    index('audit_events_subject').on(t.subject),
  ],
);

export const verificationRuns = sqliteTable('verification_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  ok: integer('ok', { mode: 'boolean' }).notNull(),
  message: text('message').notNull(),
  postings: integer('postings').notNull(),
  durationMs: integer('duration_ms').notNull(),
});

// What a full verification found beyond the ledger's own checks (see lib/reconciliation).
export const verificationDetails = sqliteTable('verification_details', {
  runId: integer('run_id')
    .primaryKey()
    .references(() => verificationRuns.id),
  checks: text('checks').notNull(),
  lastSeq: integer('last_seq').notNull(),
});

// Per-database settings such as the secret that salts account ids in published proofs.
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// Each published Merkle-sum root over all current claims (the latest is the one in force).
export const proofRoots = sqliteTable('proof_roots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  txSeq: integer('tx_seq').notNull(),
  rootHash: text('root_hash').notNull(),
  totals: text('totals').notNull(),
  claimSetVersion: text('claim_set_version').notNull(),
  leafCount: integer('leaf_count').notNull(),
  createdAt: text('created_at').notNull(),
});

// What answering a proof in a published root needs, kept when the root is published: every
// leaf in tree order, each account's leaf position, and every node from PROOF_BLOCK_LEVEL up
// (lower levels are rebuilt from one block of leaves). One tree per distinct root hash, however
// often that root is in force.
export const proofTrees = sqliteTable('proof_trees', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Null while the tree is being written: a root names a tree only once it is complete.
  rootHash: text('root_hash').unique(),
  leafCount: integer('leaf_count').notNull(),
  blockLevel: integer('block_level').notNull(),
});

export const proofTreeLeaves = sqliteTable(
  'proof_tree_leaves',
  {
    treeId: integer('tree_id')
      .notNull()
      .references(() => proofTrees.id),
    position: integer('position').notNull(),
    accountId: text('account_id').notNull(),
    nonce: text('nonce').notNull(),
    balances: text('balances').notNull(),
    leafHash: text('leaf_hash').notNull(),
    coinexHash: text('coinex_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.treeId, t.position] })],
);

// Where each account's leaf stands in a kept tree. Written in account order once the leaves are
// (tree order is commitment order, random against account ids): appending to this table and to
// the leaves in their own key order costs a fraction of filling an account index at random.
export const proofTreeAccounts = sqliteTable(
  'proof_tree_accounts',
  {
    treeId: integer('tree_id')
      .notNull()
      .references(() => proofTrees.id),
    accountId: text('account_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.treeId, t.accountId] })],
);

export const proofTreeNodes = sqliteTable(
  'proof_tree_nodes',
  {
    treeId: integer('tree_id')
      .notNull()
      .references(() => proofTrees.id),
    level: integer('level').notNull(),
    index: integer('idx').notNull(),
    hash: text('hash').notNull(),
    coinexHash: text('coinex_hash').notNull(),
    // `ASSET:units,…` in asset order, as in the node's hash preimage.
    balances: text('balances').notNull(),
  },
  (t) => [primaryKey({ columns: [t.treeId, t.level, t.index] })],
);

// Per payout batch and asset: line count and total, written with the batch.
export const payoutBatchTotals = sqliteTable(
  'payout_batch_totals',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    asset: text('asset').notNull(),
    lines: integer('lines').notNull(),
    units: text('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.asset] })],
);

// Projection of claim states per line: the outstanding units of every line whose claim is
// acknowledged (current version) or disputed, and whether the line sits in a live payout batch.
// Kept by lib/reconciliation/claim-states.ts; the per-asset totals below sum it.
export const claimStateLines = sqliteTable(
  'claim_state_lines',
  {
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    status: text('status', { enum: CLAIM_STATE_STATUSES }).notNull(),
    live: integer('live').notNull(),
    units: text('units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.asset] }),
    index('claim_state_lines_state').on(t.status, t.live, t.asset, t.accountId),
  ],
);

export const claimStateTotals = sqliteTable(
  'claim_state_totals',
  {
    asset: text('asset').notNull(),
    status: text('status', { enum: CLAIM_STATE_STATUSES }).notNull(),
    live: integer('live').notNull(),
    lines: integer('lines').notNull(),
    units: text('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.asset, t.status, t.live] })],
);

// Accounts whose claim_status changed since their claim state was last counted (a trigger
// fills it, so no writer of claim_status can forget).
export const claimStateDirty = sqliteTable('claim_state_dirty', {
  accountId: text('account_id').primaryKey(),
});

// Small derived results that are costly to recompute, valid up to a ledger sequence number.
export const reconciliationCache = sqliteTable('reconciliation_cache', {
  name: text('name').primaryKey(),
  asOfSeq: integer('as_of_seq').notNull(),
  data: text('data').notNull(),
});

// Whole-ledger work run off the request thread (lib/jobs): one running job per kind, enforced
// here so that it holds across every app server on the database.
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    requestedByUserId: integer('requested_by_user_id'),
    requestedBy: text('requested_by').notNull(),
    startedAt: text('started_at').notNull(),
    // Where the runner lives, so a runner that died can be told from one still at work.
    host: text('host').notNull(),
    pid: integer('pid'),
    heartbeatAt: text('heartbeat_at').notNull(),
    done: integer('done').notNull(),
    total: integer('total').notNull(),
    finishedAt: text('finished_at'),
    durationMs: integer('duration_ms'),
    ok: integer('ok', { mode: 'boolean' }),
    message: text('message'),
  },
  (t) => [
    uniqueIndex('jobs_one_running')
      .on(t.kind)
      .where(sql`status = 'running'`),
    index('jobs_kind').on(t.kind, t.id),
  ],
);

// One-time codes that let a claimant choose a password (an invite to a snapshot account, or a
// reset of an existing login). Only a keyed hash of the code is kept; the code itself is
// re-derived from `nonce` with a secret held outside the database when its email is sent.
// At most one unused, unrevoked code per address: issuing a new one revokes the previous.
export const activationCodes = sqliteTable(
  'activation_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    accountId: text('account_id').notNull(),
    purpose: text('purpose', { enum: CODE_PURPOSES }).notNull(),
    nonce: text('nonce').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('activation_codes_live')
      .on(t.email)
      .where(sql`used_at IS NULL AND revoked_at IS NULL`),
    index('activation_codes_account').on(t.accountId, t.usedAt, t.revokedAt, t.expiresAt),
  ],
);

// Emails waiting to be sent, and what became of them. The body is rendered at sending time
// (so it carries the code and the claimant's current anti-phishing phrase) and is not stored.
export const outboxMessages = sqliteTable(
  'outbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeId: integer('code_id')
      .notNull()
      .references(() => activationCodes.id),
    toAddress: text('to_address').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    transportId: text('transport_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('outbox_messages_due').on(t.status, t.nextAttemptAt, t.id),
    // A replaced code's unsent email is found by its code.
    index('outbox_messages_code').on(t.codeId),
  ],
);

// A claimant's personal phrase, shown on every page after sign-in and in every email we send
// them, so that an imitation (which cannot know it) stands out.
export const antiPhishingPhrases = sqliteTable('anti_phishing_phrases', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  phrase: text('phrase').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export type User = typeof users.$inferSelect;
export type Role = (typeof ROLES)[number];
export type Asset = typeof assets.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type LedgerTransaction = typeof ledgerTransactions.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
export type AdjustmentProposal = typeof adjustmentProposals.$inferSelect;
export type PayoutBatch = typeof payoutBatches.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type ActivationCode = typeof activationCodes.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type StaffRequest = typeof staffRequests.$inferSelect;
export type StaffRequestKind = (typeof STAFF_REQUEST_KINDS)[number];
export type JobKind = (typeof JOB_KINDS)[number];
export type OutboxMessage = typeof outboxMessages.$inferSelect;
