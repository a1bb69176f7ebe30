import type Database from 'better-sqlite3';
import { csvRecord } from '@/lib/claims/csv';
import { formatUnits } from '@/lib/money';
import { batchItems, type BatchDetail } from './batch-queries';

const HEADER = [
  'batch_id',
  'batch_status',
  'account_id',
  'email',
  'asset',
  'chains',
  'decimals',
  'amount',
  'amount_units',
];

/** Rows read per chunk: the stream never holds the connection between chunks. */
const CHUNK = 5_000;

/**
 * The batch as CSV for the wallet team, streamed in chunks read by keyset, so a batch of any
 * size is exported without holding it in memory or the database connection between reads.
 */
export function batchCsvStream(
  sqlite: Database.Database,
  batch: BatchDetail,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { accountId: string; asset: string } | null = null;
  let started = false;
  return new ReadableStream({
    pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvRecord(HEADER)));
        return;
      }
      const { rows, next } = batchItems(sqlite, batch.id, { after, limit: CHUNK });
      const text = rows
        .map((r) =>
          csvRecord([
            batch.id,
            batch.status,
            r.accountId,
            r.email,
            r.asset,
            r.chains,
            r.decimals,
            formatUnits(r.amountUnits, r.decimals),
            r.amountUnits.toString(),
          ]),
        )
        .join('');
      if (text) controller.enqueue(encoder.encode(text));
      if (next) after = next;
      else controller.close();
    },
  });
}
