import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { ROLES, type Role } from '@/db/schema';
import { requirePermission } from '@/lib/auth/session';
import { displayDateTime } from '@/lib/reconciliation/display';
import { listUsers, type UserListRow } from '@/lib/users/list-users';
import { pendingStaffRequests, STAFF_REQUEST_LABELS } from '@/lib/users/staff-requests';
import { CreateUserForm } from './create-user-form';
import { DisableLogin } from './disable-login';
import { DecideRequest, RequestChange } from './staff-requests';
import styles from '../admin.module.css';
import { TableRegion } from '../table-region';

export const metadata: Metadata = { title: 'Users' };

type Search = Promise<{ role?: string; email?: string; before?: string }>;

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const admin = await requirePermission('users.manage');
  const search = await searchParams;
  const role = ROLES.find((r) => r === search.role) as Role | undefined;
  const email = search.email?.trim().slice(0, 254) || undefined;
  const before = Number(search.before);
  const requests = pendingStaffRequests(getDb().$client);
  const { rows, nextBefore } = listUsers(getDb().$client, {
    role,
    email,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
  const keep = Object.fromEntries(
    Object.entries({ role, email }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );

  return (
    <>
      <section className="panel">
        <h1>Users</h1>
        <p>
          Staff logins and claimant logins bound to an account. A login is never deleted: disable
          it, and it can no longer sign in or use an open session. A new finance or admin login, a
          role change, re-enabling a login and a two-factor reset each wait for a different admin to
          approve them.
        </p>
        <CreateUserForm />
      </section>
      <section className="panel" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Awaiting a second admin</h2>
        {requests.length === 0 ? (
          <p className="muted">No request awaits a decision.</p>
        ) : (
          <TableRegion label="Staff requests">
            <table>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Login</th>
                  <th scope="col">Role</th>
                  <th scope="col">Requested by</th>
                  <th scope="col">
                    <span className="muted">Decision</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      #{r.id} {STAFF_REQUEST_LABELS[r.kind]}
                    </th>
                    <td>{r.email}</td>
                    <td>{r.role ?? '—'}</td>
                    <td>
                      {r.requesterEmail} · {displayDateTime(r.requestedAt)}
                    </td>
                    <td>
                      {r.requestedBy === admin.id ? (
                        <span className="muted">yours: another admin decides</span>
                      ) : (
                        <DecideRequest requestId={r.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <section className="panel" aria-labelledby="logins-heading">
        <h2 id="logins-heading">Logins</h2>
        <form method="get" className={styles.filters} aria-label="Filter logins">
          <div className="field">
            <label htmlFor="filter-role">Role</label>
            <select id="filter-role" name="role" defaultValue={role ?? ''}>
              <option value="">All roles</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-email">Email starts with</label>
            <input id="filter-email" name="email" defaultValue={email ?? ''} />
          </div>
          <div>
            <button type="submit" className="button secondary">
              Filter
            </button>
          </div>
        </form>
        <TableRegion label="Logins">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="muted">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.email}</th>
                  <td>
                    {u.role}
                    {u.hasTotp && <span className="muted"> · TOTP</span>}
                  </td>
                  <td>{u.accountId ?? '—'}</td>
                  <td>
                    {u.disabledAt ? (
                      <span className="badge bad">disabled {displayDateTime(u.disabledAt)}</span>
                    ) : (
                      <span className="badge ok">active</span>
                    )}
                  </td>
                  <td>{displayDateTime(u.createdAt)}</td>
                  <td>
                    {u.id === admin.id ? (
                      <span className="muted">you</span>
                    ) : (
                      <LoginActions user={u} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p className={styles.pager}>
          {nextBefore && (
            <Link
              href={`/admin/users?${new URLSearchParams({ ...keep, before: String(nextBefore) })}`}
            >
              Older logins
            </Link>
          )}
        </p>
      </section>
    </>
  );
}

/** What an admin may do to another login: disable it at once, or request a change of it. */
function LoginActions({ user }: { user: UserListRow }) {
  const staff = user.role !== 'claimant';
  const otherRole = user.role === 'admin' ? 'finance' : 'admin';
  return (
    <div className={styles.row}>
      {user.disabledAt ? (
        <RequestChange
          label={`Re-enable ${user.email}`}
          input={{ kind: 'enable_login', userId: user.id }}
        />
      ) : (
        <DisableLogin userId={user.id} email={user.email} />
      )}
      {staff && (
        <RequestChange
          label={`Make ${user.email} ${otherRole}`}
          input={{ kind: 'change_role', userId: user.id, role: otherRole }}
        />
      )}
      {staff && user.hasTotp && (
        <RequestChange
          label={`Reset two-factor of ${user.email}`}
          input={{ kind: 'reset_totp', userId: user.id }}
        />
      )}
    </div>
  );
}
