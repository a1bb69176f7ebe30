import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';
import type { Role, StaffRequest, StaffRequestKind } from '@/db/schema';
import type { StaffActor } from '@/lib/audit/actor';
import { STAFF_REQUEST_DECIDED, STAFF_REQUEST_MADE } from '@/lib/audit/audit-actions';
import { recordAudit } from '@/lib/audit/record-audit';
import { endUserSessions } from '@/lib/auth/login-sessions';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/payouts/schemas';
import { createLoginSchema, type CreateLoginInput } from './create-user-schema';
import {
  staffChangeSchema,
  staffDecisionSchema,
  type StaffChangeInput,
  type StaffDecisionInput,
} from './staff-request-schema';

/** What each kind of request asks for, as the admins read it. */
export const STAFF_REQUEST_LABELS: Record<StaffRequestKind, string> = {
  create_login: 'Create login',
  change_role: 'Change role',
  enable_login: 'Re-enable login',
  reset_totp: 'Reset two-factor',
};

export type StaffRequestRow = StaffRequest & { requesterEmail: string };

type Target = { id: number; email: string; role: Role; disabledAt: string | null };

const COLUMNS = `r.id, r.kind, r.target_user_id AS targetUserId, r.email, r.role,
  r.password_hash AS passwordHash, r.status, r.requested_by AS requestedBy,
  r.requested_at AS requestedAt, r.decided_by AS decidedBy, r.decided_at AS decidedAt,
  u.email AS requesterEmail`;

/** Requests awaiting a second admin, oldest first. Few: at most one per login. */
export function pendingStaffRequests(sqlite: Database.Database): StaffRequestRow[] {
  return sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM staff_requests r JOIN users u ON u.id = r.requested_by
       WHERE r.status = 'pending' ORDER BY r.id`,
    )
    .all() as StaffRequestRow[];
}

function loadRequest(sqlite: Database.Database, requestId: number): StaffRequestRow {
  const row = sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM staff_requests r JOIN users u ON u.id = r.requested_by WHERE r.id = ?`,
    )
    .get(requestId) as StaffRequestRow | undefined;
  if (!row) throw new AppError('not_found', `There is no staff request #${requestId}.`);
  return row;
}

function loadTarget(sqlite: Database.Database, userId: number): Target {
  const row = sqlite
    .prepare('SELECT id, email, role, disabled_at AS disabledAt FROM users WHERE id = ?')
    .get(userId) as Target | undefined;
  if (!row) throw new AppError('not_found', `There is no login #${userId}.`);
  return row;
}

function refusePending(sqlite: Database.Database, email: string): void {
  const pending = sqlite
    .prepare(
      `SELECT r.kind, u.email AS requester FROM staff_requests r JOIN users u ON u.id = r.requested_by
       WHERE r.email = ? AND r.status = 'pending'`,
    )
    .get(email) as { kind: StaffRequestKind; requester: string } | undefined;
  if (pending)
    throw new AppError(
      'conflict',
      `${email} already has a request awaiting approval (${STAFF_REQUEST_LABELS[pending.kind]}, by ${pending.requester}): approve or reject it first.`,
    );
}

function insertRequest(
  db: Db,
  request: Pick<StaffRequest, 'kind' | 'targetUserId' | 'email' | 'role' | 'passwordHash'>,
  actor: StaffActor,
): number {
  const sqlite = db.$client;
  refusePending(sqlite, request.email);
  const { id } = sqlite
    .prepare(
      `INSERT INTO staff_requests (kind, target_user_id, email, role, password_hash, status, requested_by, requested_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`,
    )
    .get(
      request.kind,
      request.targetUserId,
      request.email,
      request.role,
      request.passwordHash,
      actor.id,
      new Date().toISOString(),
    ) as { id: number };
  recordAudit(db, STAFF_REQUEST_MADE[request.kind], {
    actorUserId: actor.id,
    actorEmail: actor.email,
    subject: request.targetUserId ? `user:${request.targetUserId}` : request.email,
    detail: { requestId: id, email: request.email, role: request.role },
  });
  return id;
}

/**
 * "Create login": a claimant login is created at once (it moves no money and decides no one's
 * access but its own account's); a finance or admin login becomes a request for a second admin.
 */
export async function requestLogin(
  db: Db,
  input: CreateLoginInput,
  actor: StaffActor,
): Promise<{ requestId: number; email: string }> {
  const value = parseOrRefuse(createLoginSchema, input);
  const role = value.role;
  if (role === 'claimant')
    throw new AppError('bad_request', 'A claimant login needs no approval: create it directly.');
  const passwordHash = await hashPassword(value.password);
  return db.$client
    .transaction(() => {
      const exists = db.$client.prepare('SELECT 1 FROM users WHERE email = ?').get(value.email);
      if (exists)
        throw new AppError('duplicate_email', `A login for ${value.email} already exists.`, {
          email: 'A login with this email already exists.',
        });
      const requestId = insertRequest(
        db,
        {
          kind: 'create_login',
          targetUserId: null,
          email: value.email,
          role,
          passwordHash,
        },
        actor,
      );
      return { requestId, email: value.email };
    })
    .immediate();
}

/** "Change role", "Re-enable login", "Reset two-factor": recorded for a second admin to decide. */
export function requestStaffChange(
  db: Db,
  input: StaffChangeInput,
  actor: StaffActor,
): { requestId: number; email: string } {
  const value = parseOrRefuse(staffChangeSchema, input);
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const target = loadTarget(sqlite, value.userId);
      if (target.id === actor.id)
        throw new AppError(
          'conflict',
          'You cannot request a change of your own login: ask another admin.',
        );
      if (value.kind !== 'enable_login' && target.role === 'claimant')
        throw new AppError(
          'bad_request',
          `${target.email} is a claimant login: only staff logins have a role to change or a two-factor to reset.`,
        );
      if (value.kind === 'change_role' && target.role === value.role)
        throw new AppError('conflict', `${target.email} is already ${value.role}.`);
      if (value.kind === 'enable_login' && !target.disabledAt)
        throw new AppError('conflict', `${target.email} is not disabled.`);
      const requestId = insertRequest(
        db,
        {
          kind: value.kind,
          targetUserId: target.id,
          email: target.email,
          role: value.kind === 'change_role' ? value.role : null,
          passwordHash: null,
        },
        actor,
      );
      return { requestId, email: target.email };
    })
    .immediate();
}

export type StaffDecision = {
  requestId: number;
  status: 'approved' | 'rejected';
  replayed: boolean;
};

/**
 * `Approve request` or `Reject request`, by an admin other than the requester (the database's
 * CHECK refuses it too). Approval carries the change out in the same transaction as the decision
 * and its audit row; deciding a decided request the same way again changes nothing.
 */
export function decideStaffRequest(
  db: Db,
  input: StaffDecisionInput,
  actor: StaffActor,
): StaffDecision {
  const value = parseOrRefuse(staffDecisionSchema, input);
  const status = value.decision === 'approve' ? 'approved' : 'rejected';
  const sqlite = db.$client;
  return sqlite
    .transaction((): StaffDecision => {
      const request = loadRequest(sqlite, value.requestId);
      if (request.requestedBy === actor.id)
        throw new AppError(
          'forbidden',
          `You made request #${request.id}: a different admin must ${value.decision} it.`,
        );
      if (request.status === status) return { requestId: request.id, status, replayed: true };
      if (request.status !== 'pending')
        throw new AppError('conflict', `Request #${request.id} was already ${request.status}.`);
      if (status === 'approved') carryOut(db, request);
      sqlite
        .prepare(
          `UPDATE staff_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
        )
        .run(status, actor.id, new Date().toISOString(), request.id);
      recordAudit(db, STAFF_REQUEST_DECIDED[status], {
        actorUserId: actor.id,
        actorEmail: actor.email,
        subject: request.targetUserId ? `user:${request.targetUserId}` : request.email,
        detail: {
          requestId: request.id,
          kind: request.kind,
          email: request.email,
          role: request.role,
          requestedBy: request.requesterEmail,
        },
      });
      return { requestId: request.id, status, replayed: false };
    })
    .immediate();
}

function carryOut(db: Db, request: StaffRequestRow): void {
  const sqlite = db.$client;
  if (request.kind === 'create_login') {
    const exists = sqlite.prepare('SELECT 1 FROM users WHERE email = ?').get(request.email);
    if (exists)
      throw new AppError('duplicate_email', `A login for ${request.email} already exists.`);
    sqlite
      .prepare('INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(request.email, request.role, request.passwordHash, new Date().toISOString());
    return;
  }
  const target = loadTarget(sqlite, request.targetUserId ?? 0);
  if (request.kind === 'change_role') {
    sqlite.prepare('UPDATE users SET role = ? WHERE id = ?').run(request.role, target.id);
    endUserSessions(db, { userId: target.id, reason: 'role_changed' });
  } else if (request.kind === 'enable_login') {
    sqlite.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').run(target.id);
  } else {
    // The next sign-in enrols a new authenticator, chosen by the staff member alone.
    sqlite
      .prepare('UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = ?')
      .run(target.id);
    endUserSessions(db, { userId: target.id, reason: 'two_factor_reset' });
  }
}
