import { getDb } from '@/db/client';
import { openAnyDatabase } from '@/db/database';
import { databaseTarget } from '@/lib/env';
import {
  recordVerification,
  recordVerificationIn,
  type VerificationRun,
} from '@/lib/ledger/record-verification';
import { verifyLedgerInParallel } from '@/lib/ledger/verify';
import { verifyDatabase } from '@/lib/ledger/verify-database';
import { checkPublishedRootOnPostgres } from '@/lib/proofs/published-root-postgres';
import { verifyPublishedRoot } from '@/lib/proofs/verify-published-root';
import { parseOptions, RefusedError, type Command } from '../command';

function printVerified(result: VerificationRun): void {
  const rate =
    result.durationMs > 0
      ? Math.round((result.postings / result.durationMs) * 1000)
      : result.postings;
  if (!result.ok) throw new RefusedError(`Verification FAILED: ${result.firstProblem}`);
  console.log(
    `Verified ${result.transactions} transactions and ${result.postings} postings in ${result.durationMs} ms (${rate} postings/s): chain intact, every transaction balances, projections match, no account overpaid.`,
  );
}

function printRoot(root: { ok: boolean; message: string }): void {
  if (!root.ok) throw new RefusedError(`Proof root check FAILED: ${root.message}`);
  console.log(`Proof root: ${root.message}`);
}

async function verifySqlite(): Promise<void> {
  const sqlite = getDb().$client;
  const started = process.hrtime.bigint();
  printVerified(recordVerification(sqlite, await verifyLedgerInParallel(sqlite), started));
  printRoot(verifyPublishedRoot(sqlite));
}

async function verifyPostgres(url: string): Promise<void> {
  const database = await openAnyDatabase(url);
  try {
    const started = process.hrtime.bigint();
    const result = await verifyDatabase(database);
    printVerified(await recordVerificationIn(database, result, started));
    printRoot(await checkPublishedRootOnPostgres(database));
  } finally {
    await database.close();
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify',
  summary:
    'recompute the hash chain, transaction balance, projections and the published proof root',
  async run(argv) {
    parseOptions(argv, {});
    const target = databaseTarget();
    await (target.engine === 'postgres' ? verifyPostgres(target.url) : verifySqlite());
  },
};
