import { z } from 'zod';
import { CODE_PURPOSES, JOB_KINDS, ROLES, STAFF_REQUEST_KINDS } from '@/db/enums';

// Every action the audit trail records, with the schema of its `detail`. Writers pass the
// entry (recordAudit, the onboarding writer), so a misspelt action does not compile and a detail
// that does not fit is refused before the row is written. The ledger kinds name theirs in
// lib/ledger/vocabulary.ts. Rows already stored are never rewritten: `readAuditDetail` reads
// them leniently, as the trail has always shown them.

export type AuditAction<Detail> = {
  action: string;
  /** `z.undefined()` for an action recorded without a detail. */
  detail: z.ZodType<Detail>;
};

const action = <Detail>(name: string, detail: z.ZodType<Detail>): AuditAction<Detail> => ({
  action: name,
  detail,
});

const id = z.number().int().positive();
const count = z.number().int().nonnegative();
const none = z.undefined();
/** Where a request came from (an IP address, or `unknown`). */
const address = z.string();
const email = z.string();
const role = z.enum(ROLES);

const signInRefusal = z.enum(['bad_credentials', 'disabled', 'bad_code']);
const identitySeen = {
  sub: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
};

export const AUTH_SIGN_IN = action(
  'auth.sign_in',
  z.strictObject({ address, passwordRehashed: z.literal(true).optional() }),
);
export const AUTH_SIGN_IN_FAILED = action(
  'auth.sign_in_failed',
  z.strictObject({ address, reason: signInRefusal }),
);
export const AUTH_SIGN_IN_THROTTLED = action('auth.sign_in_throttled', z.strictObject({ address }));
export const AUTH_SIGN_OUT = action('auth.sign_out', none);
export const AUTH_TOTP_ENROLLED = action('auth.totp_enrolled', none);
export const AUTH_OIDC_SIGN_IN = action(
  'auth.oidc_sign_in',
  z.strictObject({
    ...identitySeen,
    matchedBy: z.enum(['subject', 'email']),
    loginCreated: z.boolean(),
  }),
);
export const AUTH_OIDC_UNMATCHED = action('auth.oidc_unmatched', z.strictObject(identitySeen));
export const AUTH_OIDC_REFUSED = action('auth.oidc_refused', z.strictObject(identitySeen));

export const SNAPSHOT_IMPORT = action(
  'snapshot.import',
  z.strictObject({ txSeq: id, accounts: count, lines: count, assets: count }),
);

export const CLAIM_ACKNOWLEDGE = action(
  'claim.acknowledge',
  z.strictObject({ version: z.string(), seq: id }),
);
export const CLAIM_DISPUTE = action(
  'claim.dispute',
  z.strictObject({ version: z.string(), disputeId: id, seq: id, assets: z.array(z.string()) }),
);

const adjustmentLine = z.strictObject({ asset: z.string(), amount: z.string() });

export const DISPUTE_ADJUSTMENT_PROPOSED = action(
  'dispute.adjustment_proposed',
  z.strictObject({
    disputeId: id,
    proposalId: id,
    lines: z.array(adjustmentLine),
    reason: z.string(),
  }),
);
export const DISPUTE_ADJUSTMENT_REJECTED = action(
  'dispute.adjustment_rejected',
  z.strictObject({ disputeId: id, proposalId: id, reason: z.string() }),
);
export const DISPUTE_ADJUSTED = action(
  'dispute.adjusted',
  z.strictObject({ disputeId: id, lines: count, txSeq: id, proposedBy: email }),
);
export const DISPUTE_REJECTED = action(
  'dispute.rejected',
  z.strictObject({ disputeId: id, txSeq: id }),
);

export const BATCH_CREATED = action(
  'payout.batch_created',
  z.strictObject({ lineCount: count, assets: count, txSeq: id }),
);
export const BATCH_APPROVED = action('payout.batch_approved', z.strictObject({ txSeq: id }));
export const BATCH_EXECUTED = action(
  'payout.batch_executed',
  z.strictObject({ reference: z.string(), lineCount: count, txSeq: id }),
);
export const BATCH_CANCELLED = action(
  'payout.batch_cancelled',
  z.strictObject({ reason: z.string(), txSeq: id }),
);
export const BATCH_EXPORTED = action(
  'payout.batch_exported',
  z.strictObject({ status: z.string(), lineCount: count }),
);

export const ROOT_PUBLISHED = action(
  'proof.root_published',
  z.strictObject({ txSeq: id, leafCount: count, claimSetVersion: z.string() }),
);

export const LEDGER_VERIFY = action(
  'ledger.verify',
  z.strictObject({ ok: z.boolean(), postings: count }),
);

export const JOB_STARTED = action('job.started', z.strictObject({ kind: z.enum(JOB_KINDS) }));

export const USER_CREATE = action(
  'user.create',
  z.strictObject({ role, accountId: z.string().nullable(), totpProvisioned: z.boolean() }),
);
export const USER_DISABLE = action('user.disable', z.strictObject({ email, sessionsEnded: count }));

type StaffRequestKind = (typeof STAFF_REQUEST_KINDS)[number];

const staffRequested = z.strictObject({ requestId: id, email, role: role.nullable() });

/** A staff request made, by what it asks for. */
export const STAFF_REQUEST_MADE = Object.fromEntries(
  STAFF_REQUEST_KINDS.map((kind) => [kind, action(`staff.request_${kind}`, staffRequested)]),
) as Record<StaffRequestKind, AuditAction<z.infer<typeof staffRequested>>>;

const staffDecided = z.strictObject({
  requestId: id,
  kind: z.enum(STAFF_REQUEST_KINDS),
  email,
  role: role.nullable(),
  requestedBy: email,
});

/** A staff request decided by a second admin. */
export const STAFF_REQUEST_DECIDED = {
  approved: action('staff.request_approved', staffDecided),
  rejected: action('staff.request_rejected', staffDecided),
};

const purpose = z.enum(CODE_PURPOSES);

export const ONBOARDING_INVITED = action(
  'onboarding.invited',
  z.strictObject({ email, codeId: id, messageId: id, expiresAt: z.string() }),
);
export const ONBOARDING_RESET_REQUESTED = action(
  'onboarding.reset_requested',
  ONBOARDING_INVITED.detail,
);
export const ONBOARDING_CODE_REQUEST_IGNORED = action(
  'onboarding.code_request_ignored',
  z.strictObject({
    address,
    reason: z.enum(['staff_login', 'disabled_login', 'unknown_address', 'account_has_other_login']),
  }),
);
export const ONBOARDING_CODE_THROTTLED = action(
  'onboarding.code_throttled',
  z.strictObject({ address }),
);
export const ONBOARDING_CODE_REFUSED = action(
  'onboarding.code_refused',
  z.strictObject({
    address,
    reason: z.enum(['no_code', 'wrong_code', 'expired', 'login_conflict']),
  }),
);
const redeemed = z.strictObject({ codeId: id, purpose, address });
export const ONBOARDING_ACTIVATED = action('onboarding.activated', redeemed);
export const ONBOARDING_PASSWORD_RESET = action('onboarding.password_reset', redeemed);

const delivery = {
  messageId: id,
  codeId: id,
  purpose,
  to: z.string(),
  /** 0 for a message cancelled before any try. */
  attempt: count,
};
/** One schema for every delivery step: the outbox records whichever step it reached. */
const deliveryStep = z.union([
  z.strictObject({ ...delivery, transportId: z.string() }),
  z.strictObject({ ...delivery, error: z.string(), nextAttemptAt: z.string().optional() }),
]);
export const ONBOARDING_DELIVERED = action('onboarding.delivered', deliveryStep);
export const ONBOARDING_DELIVERY_FAILED = action('onboarding.delivery_failed', deliveryStep);
export const ONBOARDING_DELIVERY_ABANDONED = action('onboarding.delivery_abandoned', deliveryStep);
export const ONBOARDING_DELIVERY_CANCELLED = action('onboarding.delivery_cancelled', deliveryStep);

export const ACCOUNT_PHRASE_SET = action(
  'account.phrase_set',
  z.strictObject({ replaced: z.boolean() }),
);

/** Every action, by its stored name. */
export const AUDIT_ACTIONS: ReadonlyMap<string, AuditAction<unknown>> = new Map(
  [
    AUTH_SIGN_IN,
    AUTH_SIGN_IN_FAILED,
    AUTH_SIGN_IN_THROTTLED,
    AUTH_SIGN_OUT,
    AUTH_TOTP_ENROLLED,
    AUTH_OIDC_SIGN_IN,
    AUTH_OIDC_UNMATCHED,
    AUTH_OIDC_REFUSED,
    SNAPSHOT_IMPORT,
    CLAIM_ACKNOWLEDGE,
    CLAIM_DISPUTE,
    DISPUTE_ADJUSTMENT_PROPOSED,
    DISPUTE_ADJUSTMENT_REJECTED,
    DISPUTE_ADJUSTED,
    DISPUTE_REJECTED,
    BATCH_CREATED,
    BATCH_APPROVED,
    BATCH_EXECUTED,
    BATCH_CANCELLED,
    BATCH_EXPORTED,
    ROOT_PUBLISHED,
    LEDGER_VERIFY,
    JOB_STARTED,
    USER_CREATE,
    USER_DISABLE,
    ...Object.values(STAFF_REQUEST_MADE),
    ...Object.values(STAFF_REQUEST_DECIDED),
    ONBOARDING_INVITED,
    ONBOARDING_RESET_REQUESTED,
    ONBOARDING_CODE_REQUEST_IGNORED,
    ONBOARDING_CODE_THROTTLED,
    ONBOARDING_CODE_REFUSED,
    ONBOARDING_ACTIVATED,
    ONBOARDING_PASSWORD_RESET,
    ONBOARDING_DELIVERED,
    ONBOARDING_DELIVERY_FAILED,
    ONBOARDING_DELIVERY_ABANDONED,
    ONBOARDING_DELIVERY_CANCELLED,
    ACCOUNT_PHRASE_SET,
  ].map((a) => [a.action, a as AuditAction<unknown>]),
);

/**
 * The detail to store for this action, as JSON (null when it has none). Throws when it does not
 * fit: a mistake in the writer, never in what a person typed.
 */
export function auditDetailJson<Detail>(entry: AuditAction<Detail>, detail: Detail): string | null {
  const result = entry.detail.safeParse(detail);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(
      `${entry.action} audit detail refused: ${first?.path.join('.') || 'detail'} ${first?.message ?? ''}`.trim(),
    );
  }
  return detail === undefined ? null : JSON.stringify(detail);
}

export type StoredAuditDetail =
  | { fits: true; action: string; detail: unknown }
  | { fits: false; action: string; raw: string | null };

/**
 * A stored row's detail: parsed with its action's schema when it fits, else the text as stored
 * (rows older than their schema, actions no longer written), so history always displays.
 */
export function readAuditDetail(action: string, detailJson: string | null): StoredAuditDetail {
  const entry = AUDIT_ACTIONS.get(action);
  if (entry) {
    try {
      const result = entry.detail.safeParse(
        detailJson === null ? undefined : (JSON.parse(detailJson) as unknown),
      );
      if (result.success) return { fits: true, action, detail: result.data };
    } catch {
      // Not JSON: shown as stored.
    }
  }
  return { fits: false, action, raw: detailJson };
}
