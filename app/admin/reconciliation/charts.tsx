'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { displayUsd } from '@/lib/claims/display';
import type { SizeBucket } from '@/lib/reconciliation/claim-size-distribution';
import { chartNumber } from '@/lib/reconciliation/chart-geometry';
import type { HistoryPoint } from '@/lib/reconciliation/payout-history';
import styles from '../admin.module.css';

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Axis ticks only: every exact figure is in the tooltips and the table. */
const tick = (value: number) => `$${COMPACT.format(value)}`;

export function PaidOutstandingChart({ points }: { points: HistoryPoint[] }) {
  const data = points.map((p) => ({
    ...p,
    when: p.at.slice(0, 16).replace('T', ' '),
    paid: chartNumber(p.paidUsd),
    outstanding: chartNumber(p.outstandingUsd),
  }));
  return (
    <figure>
      <figcaption>
        <strong>Paid and outstanding over time</strong>{' '}
        <span className="muted">
          (USD, priced assets; after each import, adjustment and payout)
        </span>
      </figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="when" minTickGap={40} />
            <YAxis tickFormatter={tick} width={70} />
            <Tooltip
              formatter={(_value, name, item) => {
                const point = item.payload as (typeof data)[number];
                return [displayUsd(name === 'Paid' ? point.paidUsd : point.outstandingUsd), name];
              }}
              labelFormatter={(_label, payload) => {
                const point = payload[0]?.payload as (typeof data)[number] | undefined;
                return point ? `${point.when} UTC — ${point.event}` : '';
              }}
            />
            <Legend />
            <Line
              type="stepAfter"
              dataKey="outstanding"
              name="Outstanding"
              stroke="#a3161a"
              dot={false}
            />
            <Line type="stepAfter" dataKey="paid" name="Paid" stroke="#146c2e" dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function ClaimSizeChart({ buckets }: { buckets: SizeBucket[] | null }) {
  return (
    <figure>
      <figcaption>
        <strong>Claim sizes</strong> <span className="muted">(accounts by claim value in USD)</span>
      </figcaption>
      {buckets === null ? (
        <p className="muted">
          Claim sizes of a snapshot this large are counted by the full verification: run it once to
          see them here.
        </p>
      ) : (
        <div className={styles.chart}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={buckets} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={60} />
              <YAxis allowDecimals={false} width={70} />
              <Tooltip formatter={(value) => [String(value), 'Accounts']} />
              <Bar dataKey="accounts" name="Accounts" fill="#0b5cad" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
