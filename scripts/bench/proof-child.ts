// One measured build and publication of the proof root, in its own process.
import { openDatabase } from '@/db/client';
import { publishRoot } from '@/lib/proofs/publish-root';

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: proof-child <db-file>');
const db = openDatabase(dbFile);
const started = process.hrtime.bigint();
const { root } = publishRoot(db.$client, { actor: 'bench' });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  JSON.stringify({ ms, leaves: root.leafCount, maxRssKb: process.resourceUsage().maxRSS }),
);
