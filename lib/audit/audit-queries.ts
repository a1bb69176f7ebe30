import type Database from 'better-sqlite3';
import { AUDIT_ACTIONS } from './audit-actions';

const GROUPS = [
  { prefix: 'auth.', label: 'Sign-ins' },
  { prefix: 'onboarding.', label: 'Invitations and activations' },
  { prefix: 'claim.', label: 'Claimant responses' },
  { prefix: 'dispute.', label: 'Dispute resolutions' },
  { prefix: 'payout.', label: 'Payout batches' },
  { prefix: 'proof.', label: 'Proof roots' },
  { prefix: 'user.', label: 'Logins' },
  { prefix: 'staff.', label: 'Staff requests' },
  { prefix: 'snapshot.', label: 'Imports' },
  { prefix: 'ledger.', label: 'Verification' },
] as const;

/** The actions the trail records, grouped for the filter; a group filters by its prefix. */
export const AUDIT_ACTION_GROUPS = GROUPS.map((group) => ({
  ...group,
  actions: [...AUDIT_ACTIONS.keys()].filter((a) => a.startsWith(group.prefix)),
}));

export type AuditFilter = {
  /** An exact action (`payout.batch_created`) or a group prefix ending in a dot (`payout.`). */
  action?: string;
  /** Actor email, or its beginning. */
  actor?: string;
  /**
   * The keyed digest under which an email no login has is recorded (lib/audit/unknown-email.ts):
   * rows recorded under it match `actor` too, so the operator can still find an address's attempts.
   */
  actorDigest?: string;
  /** Subject (`batch:12`, `account:acct-0000004`, `user:3`), or its beginning. */
  subject?: string;
  /** ISO dates (inclusive from, exclusive to). */
  from?: string;
  to?: string;
  /** Keyset paging: events older than this id. */
  before?: number;
};

export type AuditRow = {
  id: number;
  at: string;
  actorUserId: number | null;
  actorEmail: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
};

export const AUDIT_PAGE = 50;

/** The upper end of the range of texts that start with `prefix`. */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;

/** One page of the trail, newest first, with the cursor of the next page. */
export function listAuditEvents(
  sqlite: Database.Database,
  filter: AuditFilter,
): { rows: AuditRow[]; nextBefore: number | null } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const startsWith = (column: string, value: string | undefined, exact: boolean) => {
    if (!value) return;
    if (exact) {
      where.push(`${column} = ?`);
      params.push(value);
    } else {
      where.push(`${column} >= ? AND ${column} < ?`);
      params.push(value, prefixEnd(value));
    }
  };
  startsWith('action', filter.action, !filter.action?.endsWith('.'));
  if (filter.actor && filter.actorDigest) {
    where.push('(actor_email >= ? AND actor_email < ? OR actor_email = ?)');
    const actor = filter.actor.toLowerCase();
    params.push(actor, prefixEnd(actor), filter.actorDigest);
  } else {
    startsWith('actor_email', filter.actor?.toLowerCase(), false);
  }
  startsWith('subject', filter.subject, false);
  if (filter.from) {
    where.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('at < ?');
    params.push(filter.to);
  }
  if (filter.before) {
    where.push('id < ?');
    params.push(filter.before);
  }
  const rows = sqlite
    .prepare(
      `SELECT id, at, actor_user_id AS actorUserId, actor_email AS actorEmail, action, subject, detail
       FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, AUDIT_PAGE + 1) as AuditRow[];
  const page = rows.slice(0, AUDIT_PAGE);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE ? (page.at(-1)?.id ?? null) : null };
}
