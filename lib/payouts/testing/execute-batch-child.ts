/**
 * Child process of the crash test: executes one payout batch as the server action does, on the
 * process-wide connection to DATABASE_URL with a finance user as actor. It announces on stdout
 * when it starts executing and when the execution has committed, then lives on until its stdin
 * closes, as a server does after answering, so the test can also kill it after the commit.
 * Usage: execute-batch-child.ts <batchId> <reference> <actorId> <actorEmail>
 */
import { getDb } from '@/db/client';
import { executeBatch } from '../execute-batch';

const [batchId, reference, actorId, actorEmail] = process.argv.slice(2);
const announce = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);

const db = getDb();
// A small page cache makes the transaction spill pages into the WAL long before it commits, as
// a large batch does: the test can then kill it with pages in the WAL and no commit among them.
db.$client.pragma('cache_size = -256');
announce({ event: 'executing' });
const started = performance.now();
const result = executeBatch(db, {
  batchId: Number(batchId),
  reference: reference ?? '',
  actor: { id: Number(actorId), email: actorEmail ?? '' },
});
announce({ event: 'committed', executeMs: performance.now() - started, ...result });
process.stdin.resume();
