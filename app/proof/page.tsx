import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { formatUnits, groupDigits } from '@/lib/money';
import Link from 'next/link';
import { publicRoots, type PublicRoots } from '@/lib/proofs/public-root';
import { publishedRoots, rootCount } from '@/lib/proofs/published-roots';
import { ProofChecker } from './proof-checker';
import styles from './proof.module.css';

export const metadata: Metadata = { title: 'Proof of claims' };
export const dynamic = 'force-dynamic';

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}</time>;
}

function PublishedRoot({ roots }: { roots: PublicRoots }) {
  const { root, totals } = roots;
  return (
    <>
      <dl className={styles.facts}>
        <dt>Root hash</dt>
        <dd className={styles.hash} data-testid="root-hash">
          {root.rootHash}
        </dd>
        <dt>Root for the exchange&apos;s verifier</dt>
        <dd className={styles.hash}>{root.coinexRootHash ?? 'not recorded'}</dd>
        <dt>Claims as of the snapshot</dt>
        <dd>{root.snapshotAt ? <When iso={root.snapshotAt} /> : 'unknown'}</dd>
        <dt>Published</dt>
        <dd>
          <When iso={root.publishedAt} />
        </dd>
        <dt>Claim-set version</dt>
        <dd className={styles.hash}>{root.claimSetVersion}</dd>
        <dt>Accounts in the tree</dt>
        <dd>{groupDigits(String(root.leafCount))}</dd>
        <dt>Recorded in the ledger</dt>
        <dd>
          Transaction {root.txSeq}
          {root.txHash && (
            <>
              {' '}
              (hash <span className={styles.hash}>{root.txHash}</span>)
            </>
          )}
        </dd>
      </dl>
      <details>
        <summary>Total owed per asset ({totals.length} assets)</summary>
        <div className={`table-wrap ${styles.totals}`}>
          <table>
            <caption className="muted">
              Sum of every current claim, committed to by the root
            </caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Total owed
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.asset}>
                  <th scope="row">{t.asset}</th>
                  <td>{t.name}</td>
                  <td className="num">{groupDigits(formatUnits(BigInt(t.units), t.decimals))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

const ROOTS_PER_PAGE = 20;

/** Every published root, newest first, a page at a time: a proof of any of them still checks. */
function RootHistory({ page }: { page: number }) {
  const sqlite = getDb().$client;
  const total = rootCount(sqlite);
  const roots = publishedRoots(sqlite, ROOTS_PER_PAGE, (page - 1) * ROOTS_PER_PAGE);
  const pages = Math.max(1, Math.ceil(total / ROOTS_PER_PAGE));
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Every published root</h2>
      <p>
        A root is published after the import and again when claims change. Each claimant can fetch
        their proof in any of them from their claim page.
      </p>
      <div className="table-wrap">
        <table>
          <caption className="muted">
            {groupDigits(String(total))} roots, newest first (page {page} of {pages})
          </caption>
          <thead>
            <tr>
              <th scope="col">Root</th>
              <th scope="col">Published</th>
              <th scope="col" className="num">
                Accounts
              </th>
              <th scope="col">Root hash</th>
            </tr>
          </thead>
          <tbody>
            {roots.map((r, i) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.id}
                  {page === 1 && i === 0 ? ' (in force)' : ''}
                </th>
                <td>
                  <When iso={r.publishedAt} />
                </td>
                <td className="num">{groupDigits(String(r.leafCount))}</td>
                <td className={styles.hash}>{r.rootHash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Root pages">
        {page > 1 && <Link href={`/proof?page=${page - 1}`}>Newer roots</Link>}{' '}
        {page < pages && <Link href={`/proof?page=${page + 1}`}>Older roots</Link>}
      </nav>
    </section>
  );
}

/** Public: the root in force, and a checker for any claimant's proof. No sign-in needed. */
export default async function ProofPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const { page: pageParam } = await searchParams;
  const page =
    typeof pageParam === 'string' && /^[1-9][0-9]{0,5}$/.test(pageParam) ? Number(pageParam) : 1;
  const roots = publicRoots(getDb().$client);
  return (
    <>
      <section className="panel" aria-labelledby="proof-title">
        <h1 id="proof-title">Proof that every claim is counted</h1>
        <p>
          Every claim is a leaf of a Merkle-sum tree. The root below is one fingerprint of all of
          them and of the total owed in each asset; it is recorded in the ledger, so it cannot be
          changed later without that showing. Each claimant can download a proof from their claim
          page and check here that their claim is counted, with exactly their amounts, and that no
          sum below the root is negative.
        </p>
        {roots ? (
          <PublishedRoot roots={roots} />
        ) : (
          <p className="alert warn">No root is published yet.</p>
        )}
      </section>
      {roots && <RootHistory page={page} />}
      <section className="panel" aria-labelledby="check-title">
        <h2 id="check-title">Check a proof</h2>
        <p>
          Paste a proof or choose the file. The check runs in this browser: every hash and every sum
          is recomputed here, and nothing you paste is sent anywhere. Both the Makewhole format and
          the format of the exchange&apos;s own verifier are accepted. The format is described in
          docs/PROOFS.md, so you can also check it with a program of your own.
        </p>
        <ProofChecker />
      </section>
    </>
  );
}
