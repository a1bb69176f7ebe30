'use client';

import { Fragment, useDeferredValue, useMemo, useState } from 'react';
import type { ClaimLineView } from '@/lib/claims/claim-view';
import styles from './claim.module.css';

const PAGE_SIZE = 50;

const SORTS = {
  'value-desc': 'USD value, highest first',
  'value-asc': 'USD value, lowest first',
  asset: 'Asset, A to Z',
} as const;

type Sort = keyof typeof SORTS;

function byOrder(sort: Sort) {
  if (sort === 'asset')
    return (a: ClaimLineView, b: ClaimLineView) =>
      a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;
  // Ranks come from the server's exact comparison; lines without a price stay last either way.
  return (a: ClaimLineView, b: ClaimLineView) => {
    const priced = Number(b.usdValue !== null) - Number(a.usdValue !== null);
    if (priced !== 0) return priced;
    return sort === 'value-desc' || a.usdValue === null
      ? a.valueRank - b.valueRank
      : b.valueRank - a.valueRank;
  };
}

/** Fraction digits that stay together; only longer fractions (up to 30 decimals) wrap again. */
const FRACTION_CHUNK = 18;

/** Lets a long amount wrap after its decimal point (and inside a very long fraction), nowhere else. */
function Digits({ value }: { value: string }) {
  const point = value.indexOf('.');
  if (point < 0) return value;
  const fraction = value.slice(point + 1);
  const chunks: string[] = [];
  for (let at = 0; at < fraction.length; at += FRACTION_CHUNK)
    chunks.push(fraction.slice(at, at + FRACTION_CHUNK));
  return (
    <>
      {value.slice(0, point + 1)}
      {chunks.map((chunk, index) => (
        <Fragment key={index}>
          <wbr />
          {chunk}
        </Fragment>
      ))}
    </>
  );
}

function LineRow({ line }: { line: ClaimLineView }) {
  return (
    <tr>
      <th scope="row">
        {line.asset}
        <span className={styles.assetName}>{line.name}</span>
        <details className={styles.how}>
          <summary>How is this computed?</summary>
          <p>
            {line.snapshotBalance} {line.asset} × {line.coverage} coverage = {line.computedClaim}{' '}
            {line.asset}, rounded down to {line.decimals} decimal places.
            {line.adjustment && ` Finance adjusted it by ${line.adjustment} after a dispute.`}
            {line.usdPrice
              ? ` Valued at ${line.usdPrice} per ${line.asset}, the snapshot price: ${line.usdValue}.`
              : ` There was no USD price for ${line.asset} at the snapshot, so it is not in the USD total; you are still owed it in full.`}
          </p>
        </details>
      </th>
      <td className={`num ${styles.amountCell}`} data-label="Snapshot balance">
        <Digits value={line.snapshotBalance} />
      </td>
      <td className="num" data-label="Coverage">
        {line.coverage}
      </td>
      <td className={`num ${styles.amountCell}`} data-label="Claim">
        <Digits value={line.claim} />
        {line.adjustment && <span className={styles.adjusted}>adjusted {line.adjustment}</span>}
      </td>
      <td className="num" data-label="USD price">
        {line.usdPrice ?? <span className={styles.noPrice}>no price</span>}
      </td>
      <td className="num" data-label="USD value">
        {line.usdValue ?? <span className={styles.noPrice}>no price</span>}
      </td>
      <td className={`num ${styles.amountCell}`} data-label="Paid">
        <Digits value={line.paid} />
      </td>
      <td className={`num ${styles.amountCell}`} data-label="Outstanding">
        <Digits value={line.outstanding} />
      </td>
    </tr>
  );
}

/** The claim's lines: searchable, sortable, shown a page at a time so hundreds stay usable. */
export function ClaimLines({ lines }: { lines: ClaimLineView[] }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('value-desc');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const deferredQuery = useDeferredValue(query);

  const matching = useMemo(() => {
    const needle = deferredQuery.trim().toLowerCase();
    const found = needle
      ? lines.filter(
          (l) => l.asset.toLowerCase().includes(needle) || l.name.toLowerCase().includes(needle),
        )
      : lines;
    return [...found].sort(byOrder(sort));
  }, [lines, deferredQuery, sort]);
  const shown = matching.slice(0, limit);
  const rest = matching.length - shown.length;

  return (
    <>
      {lines.length > 1 && (
        <div className={styles.tools}>
          <div className={`field ${styles.grow}`}>
            <label htmlFor="line-search">Search assets</label>
            <input
              id="line-search"
              type="search"
              placeholder="Symbol or name, e.g. BTC"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setLimit(PAGE_SIZE);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="line-sort">Sort by</label>
            <select
              id="line-sort"
              value={sort}
              onChange={(event) => setSort(event.target.value as Sort)}
            >
              {Object.entries(SORTS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <p className="muted" aria-live="polite">
        {matching.length === lines.length
          ? `Showing ${shown.length} of ${lines.length} lines.`
          : `${matching.length} of ${lines.length} lines match; showing ${shown.length}.`}
      </p>
      <div className="table-wrap">
        <table className={styles.lines}>
          <caption className={styles.visuallyHidden}>Claim lines</caption>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col" className="num">
                Snapshot balance
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
              <th scope="col" className="num">
                Claim
              </th>
              <th scope="col" className="num">
                USD price
              </th>
              <th scope="col" className="num">
                USD value
              </th>
              <th scope="col" className="num">
                Paid
              </th>
              <th scope="col" className="num">
                Outstanding
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => (
              <LineRow key={line.asset} line={line} />
            ))}
          </tbody>
        </table>
      </div>
      {rest > 0 && (
        <div className={styles.actions}>
          <button
            type="button"
            className="button secondary"
            onClick={() => setLimit(limit + PAGE_SIZE)}
          >
            Show {Math.min(rest, PAGE_SIZE)} more lines
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setLimit(matching.length)}
          >
            Show all {matching.length} lines
          </button>
        </div>
      )}
    </>
  );
}
