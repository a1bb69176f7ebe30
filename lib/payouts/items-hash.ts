import { createHash, type Hash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The hash a batch approval commits to: every line (account, asset, amount) in byte order of
 * account then asset. Execution and `verify` recompute it; any edit of the lines changes it.
 */
export function batchItemsHash(
  sqlite: Database.Database,
  batchId: number,
  options: { liveOnly: boolean },
): string {
  const rows = sqlite
    .prepare(
      `SELECT account_id, asset, amount_units FROM payout_items
       WHERE batch_id = ? ${options.liveOnly ? 'AND live = 1' : ''}`,
    )
    .raw()
    .all(batchId) as [string, string, string][];
  const bytes = (s: string) => Buffer.from(s, 'utf8');
  rows.sort(
    (a, b) => Buffer.compare(bytes(a[0]), bytes(b[0])) || Buffer.compare(bytes(a[1]), bytes(b[1])),
  );
  const digest = new BatchItemsDigest();
  for (const [account, asset, units] of rows) digest.add(account, asset, units);
  return digest.hex();
}

/** batchItemsHash over lines its caller gives already in byte order of account then asset. */
export class BatchItemsDigest {
  private readonly hash: Hash = createHash('sha256').update('makewhole-batch-items-v1\n', 'utf8');

  add(account: string, asset: string, units: string): void {
    this.hash.update(`${account}\t${asset}\t${units}\n`, 'utf8');
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
