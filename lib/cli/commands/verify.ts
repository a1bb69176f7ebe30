import { getDb } from '@/db/client';
import { recordVerification } from '@/lib/ledger/record-verification';
import { verifyLedgerInParallel } from '@/lib/ledger/verify';
import { verifyPublishedRoot } from '@/lib/proofs/verify-published-root';
import { parseOptions, RefusedError, type Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify',
  summary:
    'recompute the hash chain, transaction balance, projections and the published proof root',
  async run(argv) {
    parseOptions(argv, {});
    const sqlite = getDb().$client;
    const started = process.hrtime.bigint();
    const result = recordVerification(sqlite, await verifyLedgerInParallel(sqlite), started);
    const rate =
      result.durationMs > 0
        ? Math.round((result.postings / result.durationMs) * 1000)
        : result.postings;
    if (!result.ok) throw new RefusedError(`Verification FAILED: ${result.firstProblem}`);
    console.log(
      `Verified ${result.transactions} transactions and ${result.postings} postings in ${result.durationMs} ms (${rate} postings/s): chain intact, every transaction balances, projections match, no account overpaid.`,
    );
    const root = verifyPublishedRoot(sqlite);
    if (!root.ok) throw new RefusedError(`Proof root check FAILED: ${root.message}`);
    console.log(`Proof root: ${root.message}`);
  },
};
