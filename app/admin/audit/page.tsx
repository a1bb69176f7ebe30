import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { AUDIT_ACTION_GROUPS, listAuditEvents, type AuditFilter } from '@/lib/audit/audit-queries';
import { requirePermission } from '@/lib/auth/session';
import { unknownEmailDigest } from '@/lib/audit/unknown-email';
import { displayDateTime } from '@/lib/reconciliation/display';
import styles from '../admin.module.css';
import { TableRegion } from '../table-region';

export const metadata: Metadata = { title: 'Audit trail' };

type Search = Promise<Record<string, string | undefined>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseFilter(search: Awaited<Search>): AuditFilter {
  const text = (value: string | undefined) => value?.trim().slice(0, 200) || undefined;
  const before = Number(search.before);
  const to = search.to && DATE.test(search.to) ? search.to : undefined;
  return {
    action: text(search.action),
    actor: text(search.actor),
    subject: text(search.subject),
    from: search.from && DATE.test(search.from) ? search.from : undefined,
    // Through the end of the chosen day.
    to: to
      ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      : undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requirePermission('audit.read');
  const search = await searchParams;
  const filter = parseFilter(search);
  const sqlite = getDb().$client;
  // A whole address also finds the sign-ins recorded under its keyed digest (no such login).
  const actorDigest = filter.actor?.includes('@')
    ? unknownEmailDigest(sqlite, filter.actor.toLowerCase())
    : undefined;
  const { rows, nextBefore } = listAuditEvents(sqlite, { ...filter, actorDigest });
  const keep = Object.fromEntries(
    ['action', 'actor', 'subject', 'from', 'to'].flatMap((k) =>
      search[k] ? [[k, search[k]]] : [],
    ),
  ) as Record<string, string>;

  return (
    <section className="panel">
      <h1>Audit trail</h1>
      <p>Every sign-in, import, claimant response, resolution, batch step and login change.</p>
      <form method="get" className={styles.filters} aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action" defaultValue={search.action ?? ''}>
            <option value="">All actions</option>
            {AUDIT_ACTION_GROUPS.map((group) => (
              <optgroup key={group.prefix} label={group.label}>
                <option value={group.prefix}>All {group.label.toLowerCase()}</option>
                {group.actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Actor email</label>
          <input id="audit-actor" name="actor" defaultValue={search.actor ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-subject">Subject</label>
          <input
            id="audit-subject"
            name="subject"
            placeholder="batch:12, account:…, user:3"
            defaultValue={search.subject ?? ''}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={search.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={search.to ?? ''} />
        </div>
        <div>
          <button type="submit" className="button">
            Filter
          </button>{' '}
          <Link href="/admin/audit">Clear</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="muted">No event matches.</p>
      ) : (
        <TableRegion label="Audit events">
          <table>
            <caption className="muted">Newest first (times in UTC)</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{displayDateTime(e.at)}</td>
                  <td>{e.actorEmail ?? 'system'}</td>
                  <td>{e.action}</td>
                  <td>{e.subject ?? '—'}</td>
                  <td className={styles.detail}>{e.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p className={styles.pager}>
        {filter.before && <Link href={`/admin/audit?${new URLSearchParams(keep)}`}>Newest</Link>}
        {nextBefore && (
          <Link
            href={`/admin/audit?${new URLSearchParams({ ...keep, before: String(nextBefore) })}`}
          >
            Older events
          </Link>
        )}
      </p>
    </section>
  );
}
