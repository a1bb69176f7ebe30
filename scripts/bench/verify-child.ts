// One measured verification in its own process.
import { openDatabase } from '@/db/client';
import { verifyLedger } from '@/lib/ledger/verify';

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: verify-child <db-file>');
const db = openDatabase(dbFile);
const started = process.hrtime.bigint();
const result = verifyLedger(db.$client);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
if (!result.ok) throw new Error(`verification failed: ${result.firstProblem}`);
console.log(
  JSON.stringify({ ms, postings: result.postings, maxRssKb: process.resourceUsage().maxRSS }),
);
