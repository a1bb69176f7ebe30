// One measured verification in its own process, as `npm run cli -- verify` runs it: on a SQLite
// file, or on the PostgreSQL database a postgres:// URL names.
import { openDatabase } from '@/db/client';
import { openAnyDatabase } from '@/db/database';
import { verifyDatabase } from '@/lib/ledger/verify-database';
import { verifyLedgerInParallel, type VerifyResult } from '@/lib/ledger/verify';

async function verify(target: string): Promise<VerifyResult> {
  if (!/^postgres(ql)?:\/\//.test(target))
    return verifyLedgerInParallel(openDatabase(target).$client);
  const database = await openAnyDatabase(target);
  try {
    return await verifyDatabase(database);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const [target] = process.argv.slice(2);
  if (!target) throw new Error('usage: verify-child <db-file | postgres-url>');
  const started = process.hrtime.bigint();
  const result = await verify(target);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.ok) throw new Error(`verification failed: ${result.firstProblem}`);
  console.log(
    JSON.stringify({ ms, postings: result.postings, maxRssKb: process.resourceUsage().maxRSS }),
  );
}

void main();
