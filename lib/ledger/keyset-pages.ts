import type { SQL } from 'drizzle-orm';
import { rows, type Query } from '@/db/database';

/** Rows per page of every read verify streams on PostgreSQL. */
export const PAGE_ROWS = 16_384;

/**
 * The rows of `page(after)` a page of at most PAGE_ROWS at a time, each page starting after the
 * last row of the one before (null for the first): memory bounded by a page, whatever the table.
 * `page` must order by a unique key and take the rows after `after` by that key.
 */
export async function* keysetPages<R extends Record<string, unknown>>(
  q: Query,
  page: (after: R | null) => SQL,
): AsyncGenerator<R> {
  let after: R | null = null;
  for (;;) {
    const batch: R[] = await rows<R>(q, page(after));
    yield* batch;
    if (batch.length < PAGE_ROWS) return;
    after = batch[batch.length - 1]!;
  }
}
