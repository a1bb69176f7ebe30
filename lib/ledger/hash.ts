import { createHash, type Hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every depth, so equal values always hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint')
      throw new TypeError('canonicalJson: convert bigint amounts to strings first');
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/**
 * A posting's digest line without its `\n`, as SQL over ledger_postings writes it: what lets a
 * reader build a run of lines in one query (joined by `\n`, plus one after the last).
 */
export const POSTING_LINE_SQL = 'concat_ws(char(9), account, asset, amount_units)';

/** Streams postings, in order, into one digest: `account \t asset \t units \n` each. */
export class PostingsDigest {
  private readonly hash: Hash = createHash('sha256');
  /** Lines not yet hashed: one native call per 64 KiB, not per posting (same digest). */
  private pending = '';
  count = 0;

  add(account: string, asset: string, units: bigint): void {
    this.addText(account, asset, units.toString());
  }

  /** `units` as `bigint.toString()` writes it: the caller has checked the text is canonical. */
  addText(account: string, asset: string, units: string): void {
    this.pending += `${account}\t${asset}\t${units}\n`;
    this.count += 1;
    if (this.pending.length >= 65_536) this.flush();
  }

  /** `count` lines already in the digest's format as UTF-8, each ending in `\n` (see POSTING_LINE_SQL). */
  addBytes(lines: Uint8Array, count: number): void {
    this.flush();
    this.hash.update(lines);
    this.count += count;
  }

  hex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending === '') return;
    this.hash.update(this.pending, 'utf8');
    this.pending = '';
  }
}

/** What a transaction says, independent of where it lands in the chain: kind, memo, postings. */
export function payloadHash(kind: string, memoJson: string, postingsDigestHex: string): string {
  return sha256(`${kind}\n${memoJson}\n${postingsDigestHex}`);
}

export type ChainedHeader = {
  seq: number;
  idempotencyKey: string;
  kind: string;
  payloadHash: string;
  actor: string;
  createdAt: string;
  prevHash: string;
  firstPostingId: number | null;
  postingCount: number;
};

export function transactionHash(h: ChainedHeader): string {
  return sha256(
    [
      h.prevHash,
      h.seq,
      h.idempotencyKey,
      h.kind,
      h.payloadHash,
      h.actor,
      h.createdAt,
      h.firstPostingId ?? '',
      h.postingCount,
    ].join('\n'),
  );
}
