import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { listDisputes, openDisputeCount } from '@/lib/disputes/dispute-queries';
import { displayDateTime } from '@/lib/reconciliation/display';
import { DisputeLines } from './dispute-lines';
import styles from '../finance.module.css';

export const metadata: Metadata = { title: 'Disputes' };

type Search = Promise<{ view?: string; cursor?: string }>;

export default async function DisputesPage({ searchParams }: { searchParams: Search }) {
  await requirePermission('disputes.resolve');
  const search = await searchParams;
  const view = search.view === 'resolved' ? 'resolved' : 'open';
  const cursor = Number(search.cursor);
  const sqlite = getDb().$client;
  const { rows, next } = listDisputes(sqlite, {
    status: view,
    cursor: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined,
  });
  const openCount = openDisputeCount(sqlite);

  return (
    <section className="panel">
      <h1>Disputes</h1>
      <p>
        {openCount === 0
          ? 'No dispute is waiting for an answer.'
          : `${openCount.toLocaleString('en-US')} open, oldest first. Each is resolved once: adjust the claim or reject the dispute, with a reason the claimant will read.`}
      </p>
      <nav className={styles.tabs} aria-label="Disputes">
        <Link href="/finance/disputes" aria-current={view === 'open' ? 'page' : undefined}>
          Open
        </Link>
        <Link
          href="/finance/disputes?view=resolved"
          aria-current={view === 'resolved' ? 'page' : undefined}
        >
          Resolved
        </Link>
      </nav>
      {rows.map((d) => (
        <article key={d.id} className={styles.card} aria-labelledby={`dispute-${d.id}`}>
          <h2 id={`dispute-${d.id}`}>
            <Link href={`/finance/disputes/${d.id}`}>
              Dispute #{d.id} · {d.accountId}
            </Link>{' '}
            <span className={`badge ${d.status === 'open' ? 'warn' : 'ok'}`}>{d.status}</span>
          </h2>
          <p className="muted">
            {d.email} · opened {displayDateTime(d.openedAt)}
            {d.resolvedAt && ` · resolved ${displayDateTime(d.resolvedAt)} by ${d.resolvedByEmail}`}
          </p>
          <DisputeLines dispute={d} />
          <p className={styles.explanation}>{d.explanation}</p>
          {d.resolution && (
            <p>
              <strong>Answer:</strong> {d.resolution}
            </p>
          )}
        </article>
      ))}
      {next && (
        <p className={styles.pager}>
          <Link href={`/finance/disputes?${new URLSearchParams({ view, cursor: String(next) })}`}>
            More disputes
          </Link>
        </p>
      )}
    </section>
  );
}
