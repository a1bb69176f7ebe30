import type Database from 'better-sqlite3';
import type { Role } from '@/db/schema';

export type UserListRow = {
  id: number;
  email: string;
  role: Role;
  accountId: string | null;
  hasTotp: boolean;
  disabledAt: string | null;
  createdAt: string;
};

export const USERS_PAGE = 50;

/** One page of logins, newest first; by role and/or email beginning; keyset paged by id. */
export function listUsers(
  sqlite: Database.Database,
  filter: { role?: Role; email?: string; before?: number },
): { rows: UserListRow[]; nextBefore: number | null } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.role) {
    where.push('role = ?');
    params.push(filter.role);
  }
  if (filter.email) {
    const prefix = filter.email.trim().toLowerCase();
    where.push('email >= ? AND email < ?');
    params.push(prefix, `${prefix}\u{10FFFF}`);
  }
  if (filter.before) {
    where.push('id < ?');
    params.push(filter.before);
  }
  const rows = sqlite
    .prepare(
      `SELECT id, email, role, account_id AS accountId, totp_secret IS NOT NULL AS hasTotp,
              disabled_at AS disabledAt, created_at AS createdAt
       FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, USERS_PAGE + 1) as (Omit<UserListRow, 'hasTotp'> & { hasTotp: number })[];
  const page = rows.slice(0, USERS_PAGE).map((r) => ({ ...r, hasTotp: r.hasTotp === 1 }));
  return { rows: page, nextBefore: rows.length > USERS_PAGE ? (page.at(-1)?.id ?? null) : null };
}
