import { canonicalJson, GENESIS_HASH, payloadHash, PostingsDigest, transactionHash } from './hash';
import { UNITS, type TxRow } from './verify-chain-batched';
import { badUnits, type Findings } from './verify-result';

/** A ledger_postings row as the walk reads it: id, tx_seq, account, asset, amount as text. */
export type PostingRow = [number, number, string, string, string];

type Open = {
  row: TxRow;
  digest: PostingsDigest;
  sums: Map<string, bigint>;
  firstSeen: number | null;
};

/**
 * verify's posting-by-posting walk of the chain, fed rows by whichever engine reads them:
 * transactions in seq order, and after each the postings that come before the next one, in id
 * order. Names the first thing that is wrong, in the same words on every engine.
 *
 *   walk.begin(tx); while (walk.takes(posting.txSeq)) walk.posting(posting); walk.end();
 *   … then walk.orphan(posting) for each posting left over.
 */
export class ChainWalk {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  private open: Open | null = null;
  transactions = 0;
  postings = 0;

  constructor(private readonly findings: Findings) {}

  begin(row: TxRow): void {
    const [seq, , , , , , , prevHash] = row;
    this.transactions += 1;
    if (seq !== this.expectedSeq)
      this.findings.fail(
        'chain',
        `transaction ${seq}: expected sequence number ${this.expectedSeq}`,
      );
    if (prevHash !== this.expectedPrev)
      this.findings.fail(
        'chain',
        `transaction ${seq}: previous hash does not match transaction ${seq - 1}`,
      );
    this.open = { row, digest: new PostingsDigest(), sums: new Map(), firstSeen: null };
  }

  /** Whether a posting of transaction `txSeq` is read with the open transaction. */
  takes(txSeq: number): boolean {
    return this.open !== null && txSeq <= this.open.row[0];
  }

  posting([id, txSeq, account, asset, units]: PostingRow): void {
    const open = this.open!;
    const seq = open.row[0];
    this.postings += 1;
    if (txSeq !== seq) {
      this.findings.fail(
        'chain',
        `posting ${id}: says it belongs to transaction ${txSeq} but was written with transaction ${seq}`,
      );
      return;
    }
    open.firstSeen ??= id;
    const canonical = UNITS.test(units);
    if (!canonical) badUnits(units, `posting ${id}`, this.findings);
    // The stored text itself: a non-canonical amount ("-0", "007") then fails the hash too.
    open.digest.addText(account, asset, units);
    open.sums.set(asset, (open.sums.get(asset) ?? 0n) + (canonical ? BigInt(units) : 0n));
  }

  end(): void {
    const { row, digest, sums, firstSeen } = this.open!;
    const [seq, key, kind, storedPayload, memo, actor, createdAt, prevHash, storedHash] = row;
    const [firstPostingId, storedCount] = [row[9], row[10]];
    for (const [asset, sum] of sums) {
      if (sum !== 0n)
        this.findings.fail(
          'balanced',
          `transaction ${seq} (${kind}): ${asset} postings sum to ${sum}, not 0`,
        );
    }
    let memoJson = memo;
    try {
      memoJson = canonicalJson(JSON.parse(memo));
    } catch {
      this.findings.fail('chain', `transaction ${seq}: memo is not valid JSON`);
    }
    if (payloadHash(kind, memoJson, digest.hex()) !== storedPayload)
      this.findings.fail(
        'chain',
        `transaction ${seq} (${kind}): contents do not match its payload hash`,
      );
    const hash = transactionHash({
      seq,
      idempotencyKey: key,
      kind,
      payloadHash: storedPayload,
      actor,
      createdAt,
      prevHash,
      firstPostingId,
      postingCount: storedCount,
    });
    if (firstSeen !== firstPostingId || digest.count !== storedCount) {
      this.findings.fail(
        'chain',
        `transaction ${seq} (${kind}): has ${digest.count} postings from id ${firstSeen}, its row says ${storedCount} from id ${firstPostingId}`,
      );
    }
    if (hash !== storedHash)
      this.findings.fail('chain', `transaction ${seq} (${kind}): header does not match its hash`);
    this.expectedPrev = storedHash;
    this.expectedSeq = seq + 1;
    this.open = null;
  }

  /** A posting after the last transaction's. */
  orphan([id, txSeq]: PostingRow): void {
    this.postings += 1;
    this.findings.fail(
      'chain',
      `posting ${id}: belongs to no transaction (says transaction ${txSeq})`,
    );
  }
}
