import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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

// The same tables as db/schema.ts, for PostgreSQL. db/schema-parity.test.ts holds the two to
// each other: same tables, columns, keys, indexes and checks, and the same row types.
//
// Amounts (`*_units`, `units`) are numeric(78,0): an integer count of the asset's smallest
// unit, exact at any size (2^256 has 78 digits), read back as the same decimal string SQLite
// keeps as TEXT. Ledger sequence numbers and posting ids are bigint: a few imports of ten million
// accounts pass 2^31 postings. Times are ISO-8601 UTC strings, as on SQLite, so both engines give
// the same outputs byte for byte.

/** An amount in integer units of its asset. */
const units = (name: string) => numeric(name, { precision: 78, scale: 0 });
/** A counter that may pass 2^31 but never 2^53. */
const counter = (name: string) => bigint(name, { mode: 'number' });
/**
 * A row id the database assigns when the insert leaves it out, as SQLite does for an INTEGER
 * PRIMARY KEY; explicit ids are accepted (the ledger numbers its own rows, a restore writes them).
 */
const serialId = (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity();
const serialCounter = (name: string) => counter(name).primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable(
  'users',
  {
    id: serialId('id'),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ROLES }).notNull(),
    accountId: text('account_id'),
    totpSecret: text('totp_secret'),
    totpLastStep: integer('totp_last_step'),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('users_role').on(t.role, t.id),
    index('users_account').on(t.accountId),
    uniqueIndex('users_one_claimant_per_account')
      .on(t.accountId)
      .where(sql`role = 'claimant' AND account_id IS NOT NULL`),
  ],
);

export const throttles = pgTable(
  'throttles',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: counter('last_failure_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('throttles_age').on(t.scope, t.lastFailureAt),
  ],
);

export const loginSessions = pgTable(
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
    index('login_sessions_expiry').on(t.expiresAt),
  ],
);

export const snapshots = pgTable('snapshots', {
  id: serialId('id'),
  program: text('program').notNull(),
  snapshotAt: text('snapshot_at').notNull(),
  coverage: text('coverage').notNull(),
  bundleHash: text('bundle_hash').notNull().unique(),
  files: text('files').notNull(),
  importedAt: text('imported_at').notNull(),
  txSeq: counter('tx_seq').notNull(),
});

export const assets = pgTable('assets', {
  asset: text('asset').primaryKey(),
  name: text('name').notNull(),
  decimals: integer('decimals').notNull(),
  chains: text('chains').notNull(),
  // Decimal strings as the bundle gave them, digit for digit.
  usdPrice: text('usd_price'),
  coverage: text('coverage').notNull(),
  snapshotUnits: units('snapshot_units').notNull(),
  initialClaimUnits: units('initial_claim_units').notNull(),
  // A decimal string (units below the smallest unit, from flooring), not a count of units.
  dust: text('dust').notNull(),
  accounts: integer('accounts').notNull(),
});

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name'),
});

export const snapshotLines = pgTable(
  'snapshot_lines',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    asset: text('asset').notNull(),
    balanceUnits: units('balance_units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.asset] })],
);

export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    seq: serialCounter('seq'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
    payloadHash: text('payload_hash').notNull(),
    memo: text('memo').notNull(),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    firstPostingId: counter('first_posting_id'),
    postingCount: integer('posting_count').notNull(),
  },
  (t) => [index('ledger_transactions_kind').on(t.kind, t.seq)],
);

export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: serialCounter('id'),
    txSeq: counter('tx_seq').notNull(),
    account: text('account').notNull(),
    asset: text('asset').notNull(),
    amountUnits: units('amount_units').notNull(),
  },
  (t) => [index('ledger_postings_account').on(t.account, t.asset, t.amountUnits)],
);

export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    account: text('account').notNull(),
    asset: text('asset').notNull(),
    units: units('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.asset] })],
);

export const claimStatus = pgTable('claim_status', {
  accountId: text('account_id').primaryKey(),
  status: text('status', { enum: CLAIM_STATUSES }).notNull(),
  acknowledgedVersion: text('acknowledged_version'),
  updatedAt: text('updated_at').notNull(),
});

export const disputes = pgTable(
  'disputes',
  {
    id: serialId('id'),
    accountId: text('account_id').notNull(),
    claimVersion: text('claim_version').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull(),
    lines: text('lines').notNull(),
    explanation: text('explanation').notNull(),
    references: text('references').notNull(),
    openedAt: text('opened_at').notNull(),
    openedTxSeq: counter('opened_tx_seq').notNull(),
    resolution: text('resolution'),
    resolvedBy: integer('resolved_by'),
    resolvedAt: text('resolved_at'),
    resolvedTxSeq: counter('resolved_tx_seq'),
  },
  (t) => [index('disputes_account').on(t.accountId), index('disputes_status').on(t.status)],
);

export const adjustmentProposals = pgTable(
  'adjustment_proposals',
  {
    id: serialId('id'),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id),
    accountId: text('account_id').notNull(),
    lines: text('lines').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    proposedBy: integer('proposed_by').notNull(),
    proposerEmail: text('proposer_email').notNull(),
    proposedAt: text('proposed_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: text('decided_at'),
    decisionReason: text('decision_reason'),
    txSeq: counter('tx_seq'),
  },
  (t) => [
    uniqueIndex('adjustment_proposals_one_pending')
      .on(t.disputeId)
      .where(sql`status = 'pending'`),
  ],
);

export const staffRequests = pgTable(
  'staff_requests',
  {
    id: serialId('id'),
    kind: text('kind', { enum: STAFF_REQUEST_KINDS }).notNull(),
    targetUserId: integer('target_user_id').references(() => users.id),
    email: text('email').notNull(),
    role: text('role', { enum: STAFF_ROLES }),
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
    uniqueIndex('staff_requests_one_pending')
      .on(t.email)
      .where(sql`status = 'pending'`),
    check('staff_requests_four_eyes', sql`decided_by IS NULL OR decided_by <> requested_by`),
  ],
);

export const payoutBatches = pgTable(
  'payout_batches',
  {
    id: serialId('id'),
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
    requestId: text('request_id'),
  },
  (t) => [uniqueIndex('payout_batches_request').on(t.requestId)],
);

export const payoutItems = pgTable(
  'payout_items',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    amountUnits: units('amount_units').notNull(),
    live: integer('live').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.accountId, t.asset] }),
    uniqueIndex('payout_items_one_live')
      .on(t.accountId, t.asset)
      .where(sql`live = 1`),
    index('payout_items_account').on(t.accountId, t.batchId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: serialId('id'),
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

export const verificationRuns = pgTable('verification_runs', {
  id: serialId('id'),
  at: text('at').notNull(),
  ok: boolean('ok').notNull(),
  message: text('message').notNull(),
  postings: counter('postings').notNull(),
  durationMs: integer('duration_ms').notNull(),
});

export const verificationDetails = pgTable('verification_details', {
  runId: integer('run_id')
    .primaryKey()
    .references(() => verificationRuns.id),
  checks: text('checks').notNull(),
  lastSeq: counter('last_seq').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const proofRoots = pgTable('proof_roots', {
  id: serialId('id'),
  txSeq: counter('tx_seq').notNull(),
  rootHash: text('root_hash').notNull(),
  totals: text('totals').notNull(),
  claimSetVersion: text('claim_set_version').notNull(),
  leafCount: integer('leaf_count').notNull(),
  createdAt: text('created_at').notNull(),
});

export const proofTrees = pgTable('proof_trees', {
  id: serialId('id'),
  rootHash: text('root_hash').unique(),
  leafCount: integer('leaf_count').notNull(),
  blockLevel: integer('block_level').notNull(),
});

export const proofTreeLeaves = pgTable(
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

export const proofTreeAccounts = pgTable(
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

export const proofTreeNodes = pgTable(
  'proof_tree_nodes',
  {
    treeId: integer('tree_id')
      .notNull()
      .references(() => proofTrees.id),
    level: integer('level').notNull(),
    index: integer('idx').notNull(),
    hash: text('hash').notNull(),
    coinexHash: text('coinex_hash').notNull(),
    balances: text('balances').notNull(),
  },
  (t) => [primaryKey({ columns: [t.treeId, t.level, t.index] })],
);

export const payoutBatchTotals = pgTable(
  'payout_batch_totals',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    asset: text('asset').notNull(),
    lines: integer('lines').notNull(),
    units: units('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.asset] })],
);

export const claimStateLines = pgTable(
  'claim_state_lines',
  {
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    status: text('status', { enum: CLAIM_STATE_STATUSES }).notNull(),
    live: integer('live').notNull(),
    units: units('units').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.asset] }),
    index('claim_state_lines_state').on(t.status, t.live, t.asset, t.accountId),
  ],
);

export const claimStateTotals = pgTable(
  'claim_state_totals',
  {
    asset: text('asset').notNull(),
    status: text('status', { enum: CLAIM_STATE_STATUSES }).notNull(),
    live: integer('live').notNull(),
    lines: integer('lines').notNull(),
    units: units('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.asset, t.status, t.live] })],
);

export const claimStateDirty = pgTable('claim_state_dirty', {
  accountId: text('account_id').primaryKey(),
});

export const reconciliationCache = pgTable('reconciliation_cache', {
  name: text('name').primaryKey(),
  asOfSeq: counter('as_of_seq').notNull(),
  data: text('data').notNull(),
});

export const jobs = pgTable(
  'jobs',
  {
    id: serialId('id'),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    requestedByUserId: integer('requested_by_user_id'),
    requestedBy: text('requested_by').notNull(),
    startedAt: text('started_at').notNull(),
    host: text('host').notNull(),
    pid: integer('pid'),
    heartbeatAt: text('heartbeat_at').notNull(),
    done: counter('done').notNull(),
    total: counter('total').notNull(),
    finishedAt: text('finished_at'),
    durationMs: integer('duration_ms'),
    ok: boolean('ok'),
    message: text('message'),
  },
  (t) => [
    uniqueIndex('jobs_one_running')
      .on(t.kind)
      .where(sql`status = 'running'`),
    index('jobs_kind').on(t.kind, t.id),
  ],
);

export const activationCodes = pgTable(
  'activation_codes',
  {
    id: serialId('id'),
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

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: serialId('id'),
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
    index('outbox_messages_code').on(t.codeId),
  ],
);

export const antiPhishingPhrases = pgTable('anti_phishing_phrases', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  phrase: text('phrase').notNull(),
  updatedAt: text('updated_at').notNull(),
});
