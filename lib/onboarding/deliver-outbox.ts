import type Database from 'better-sqlite3';
import {
  ONBOARDING_DELIVERED,
  ONBOARDING_DELIVERY_ABANDONED,
  ONBOARDING_DELIVERY_CANCELLED,
  ONBOARDING_DELIVERY_FAILED,
  type AuditAction,
} from '@/lib/audit/audit-actions';
import { auditWriter } from './audit';
import { deriveCode, hashCode } from './code-format';
import { codeDerivationKey, codeHashKey } from './code-secrets';
import type { CodePurpose } from './issue-code';
import type { MailTransport } from './mail-transport';
import { renderCodeEmail } from './render-email';

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 60_000;
const LAST_RETRY_MS = 6 * 60 * 60_000;
/** A message being sent is hidden this long, so that two senders never send it twice. */
const LEASE_MS = 10 * 60_000;
const PAGE = 500;

export type DeliveryContext = {
  transport: MailTransport;
  portalUrl: string;
  now?: () => Date;
  /** The code key and the code-hash key, read once per run rather than once per message. */
  secrets?: { key: Buffer; hashKey: Buffer };
  /** Awaited just before each attempt to send (where the outbox paces itself). */
  beforeSend?: () => Promise<void>;
};

export type DeliveryOptions = DeliveryContext & {
  /** Sends per second at most (SMTP providers throttle and blocklist bursts). */
  ratePerSecond?: number;
  limit?: number;
  /** Only this account's messages (say, to resend one claimant's email at once). */
  accountId?: string;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
};

export type Outcome = 'sent' | 'retry' | 'failed' | 'cancelled' | 'skipped';
export type DeliveryResult = Record<Exclude<Outcome, 'skipped'>, number>;

type Due = {
  id: number;
  toAddress: string;
  attempts: number;
  codeId: number;
  email: string;
  accountId: string;
  purpose: CodePurpose;
  nonce: string;
  codeHash: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, … capped at six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LAST_RETRY_MS);
}

/** Sends every due message of the outbox, paced, each attempt recorded; returns the counts. */
export async function deliverOutbox(
  sqlite: Database.Database,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? sleepFor;
  const intervalMs = 1000 / (options.ratePerSecond ?? 10);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const scope = options.accountId
    ? 'AND code_id IN (SELECT id FROM activation_codes WHERE account_id = @accountId)'
    : '';
  const params = () => ({ now: now().toISOString(), accountId: options.accountId ?? null });
  const due = sqlite
    .prepare(
      `SELECT id FROM outbox_messages WHERE status = 'queued' AND next_attempt_at <= @now ${scope}
       ORDER BY next_attempt_at, id LIMIT @page`,
    )
    .pluck();
  const total = Math.min(
    limit,
    sqlite
      .prepare(
        `SELECT count(*) FROM outbox_messages
         WHERE status = 'queued' AND next_attempt_at <= @now ${scope}`,
      )
      .pluck()
      .get(params()) as number,
  );
  const secrets = { key: codeDerivationKey(sqlite), hashKey: codeHashKey(sqlite) };
  const result: DeliveryResult = { sent: 0, retry: 0, failed: 0, cancelled: 0 };
  let done = 0;
  let lastSendAt = -Infinity;
  const beforeSend = async () => {
    const waitMs = lastSendAt + intervalMs - now().getTime();
    if (waitMs > 0) await sleep(waitMs);
    lastSendAt = now().getTime();
  };
  while (done < limit) {
    const ids = due.all({ ...params(), page: Math.min(PAGE, limit - done) }) as number[];
    if (ids.length === 0) break;
    for (const id of ids) {
      const outcome = await deliverMessage(sqlite, id, { ...options, now, secrets, beforeSend });
      if (outcome !== 'skipped') result[outcome] += 1;
      done += 1;
      options.onProgress?.(done, Math.max(total, done));
    }
  }
  return result;
}

/** One message: claimed, checked against its code, rendered, sent, and the attempt recorded. */
export async function deliverMessage(
  sqlite: Database.Database,
  id: number,
  context: DeliveryContext,
): Promise<Outcome> {
  const now = context.now ?? (() => new Date());
  const at = now();
  const message = claim(sqlite, id, at);
  if (!message) return 'skipped';
  const dead = message.usedAt
    ? 'its code was used'
    : message.revokedAt
      ? 'its code was replaced'
      : message.expiresAt <= at.toISOString()
        ? 'its code expired'
        : null;
  if (dead) return finish(sqlite, message, { outcome: 'cancelled', error: dead, at });
  const { key, hashKey } = context.secrets ?? {
    key: codeDerivationKey(sqlite),
    hashKey: codeHashKey(sqlite),
  };
  const code = deriveCode(key, message.nonce);
  if (hashCode(hashKey, code) !== message.codeHash) {
    const error = 'the code key changed since the code was issued: issue a new code';
    return finish(sqlite, message, { outcome: 'failed', error, at });
  }
  const email = renderCodeEmail({
    purpose: message.purpose,
    code,
    expiresAt: message.expiresAt,
    portalUrl: context.portalUrl,
    ...recipientDetails(sqlite, message),
  });
  try {
    await context.beforeSend?.();
    const transportId = await context.transport.send({
      messageId: id,
      to: message.toAddress,
      ...email,
    });
    return finish(sqlite, message, { outcome: 'sent', transportId, at: now() });
  } catch (error) {
    const permanent = isPermanent(error);
    const outcome = permanent || message.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'retry';
    return finish(sqlite, message, { outcome, error: describe(error), at: now() });
  }
}

function claim(sqlite: Database.Database, id: number, at: Date): Due | undefined {
  return sqlite
    .transaction(() => {
      const leased = sqlite
        .prepare(
          `UPDATE outbox_messages SET next_attempt_at = ?
           WHERE id = ? AND status = 'queued' AND next_attempt_at <= ?`,
        )
        .run(new Date(at.getTime() + LEASE_MS).toISOString(), id, at.toISOString());
      if (leased.changes === 0) return undefined;
      return sqlite
        .prepare(
          `SELECT m.id, m.to_address AS toAddress, m.attempts, m.code_id AS codeId, c.email,
                  c.account_id AS accountId, c.purpose, c.nonce, c.code_hash AS codeHash,
                  c.expires_at AS expiresAt, c.used_at AS usedAt, c.revoked_at AS revokedAt
           FROM outbox_messages m JOIN activation_codes c ON c.id = m.code_id WHERE m.id = ?`,
        )
        .get(id) as Due;
    })
    .immediate();
}

function recipientDetails(sqlite: Database.Database, message: Due) {
  const program = sqlite
    .prepare('SELECT program FROM snapshots ORDER BY id DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const displayName = sqlite
    .prepare('SELECT display_name FROM accounts WHERE id = ?')
    .pluck()
    .get(message.accountId) as string | null | undefined;
  const phrase = sqlite
    .prepare(
      `SELECT p.phrase FROM users u JOIN anti_phishing_phrases p ON p.user_id = u.id
       WHERE u.email = ?`,
    )
    .pluck()
    .get(message.email) as string | undefined;
  return { program: program ?? null, displayName: displayName ?? null, phrase: phrase ?? null };
}

type Finish =
  | { outcome: 'sent'; transportId: string; at: Date }
  | { outcome: 'retry' | 'failed' | 'cancelled'; error: string; at: Date };

function finish(sqlite: Database.Database, message: Due, result: Finish): Outcome {
  const at = result.at.toISOString();
  const attempts = result.outcome === 'cancelled' ? message.attempts : message.attempts + 1;
  const status = result.outcome === 'retry' ? 'queued' : result.outcome;
  const nextAttemptAt =
    result.outcome === 'retry'
      ? new Date(result.at.getTime() + retryDelayMs(attempts)).toISOString()
      : at;
  const error = result.outcome === 'sent' ? null : result.error;
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `UPDATE outbox_messages SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
           sent_at = ?, transport_id = ? WHERE id = ?`,
      )
      .run(
        status,
        attempts,
        nextAttemptAt,
        error,
        result.outcome === 'sent' ? at : null,
        result.outcome === 'sent' ? result.transportId : null,
        message.id,
      );
    auditWriter(sqlite)(AUDIT_ACTION[result.outcome], {
      at,
      actorEmail: 'system',
      accountId: message.accountId,
      detail: {
        messageId: message.id,
        codeId: message.codeId,
        purpose: message.purpose,
        to: message.toAddress,
        attempt: attempts,
        ...(result.outcome === 'sent'
          ? { transportId: result.transportId }
          : { error: result.error }),
        ...(result.outcome === 'retry' ? { nextAttemptAt } : {}),
      },
    });
  })();
  return result.outcome;
}

const AUDIT_ACTION = {
  sent: ONBOARDING_DELIVERED,
  retry: ONBOARDING_DELIVERY_FAILED,
  failed: ONBOARDING_DELIVERY_ABANDONED,
  cancelled: ONBOARDING_DELIVERY_CANCELLED,
} satisfies Record<Finish['outcome'], AuditAction<unknown>>;

/** An SMTP 5xx reply (unknown mailbox, refused content) will not change by trying again. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}
