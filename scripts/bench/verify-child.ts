// One measured verification in its own process, as `npm run cli -- verify` runs it.
import { openDatabase } from '@/db/client';
import { verifyLedgerInParallel } from '@/lib/ledger/verify';

async function main(): Promise<void> {
  const [dbFile] = process.argv.slice(2);
  if (!dbFile) throw new Error('usage: verify-child <db-file>');
  const db = openDatabase(dbFile);
  const started = process.hrtime.bigint();
  const result = await verifyLedgerInParallel(db.$client);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.ok) throw new Error(`verification failed: ${result.firstProblem}`);
  console.log(
    JSON.stringify({ ms, postings: result.postings, maxRssKb: process.resourceUsage().maxRSS }),
  );
}

void main();
