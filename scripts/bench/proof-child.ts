// One measured build of the proof root, in its own process: the tree of every current claim is
// built, kept and recorded exactly as publishing does after a claim changed, inside a
// transaction that is then rolled back, so the database is left as it was and the run repeats.
// The commit of the kept tree is the one step this leaves out. The trees kept already are
// dropped first, inside that transaction and before the clock starts: the claims are those of
// the root in force, whose kept tree would otherwise be found and the new copy thrown away.
import { openDatabase } from '@/db/client';
import { buildAndRecordRoot } from '@/lib/proofs/publish-root';

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: proof-child <db-file>');
const db = openDatabase(dbFile);
const sqlite = db.$client;
sqlite.exec('BEGIN IMMEDIATE');
sqlite.exec(
  'DELETE FROM proof_tree_accounts; DELETE FROM proof_tree_leaves; DELETE FROM proof_tree_nodes; DELETE FROM proof_trees',
);
const started = process.hrtime.bigint();
const { root } = buildAndRecordRoot(sqlite, { actor: 'bench' });
sqlite.exec('ROLLBACK');
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  JSON.stringify({ ms, leaves: root.leafCount, maxRssKb: process.resourceUsage().maxRSS }),
);
