// The second reader of verifyLedgerInParallel: recomputes projections on its own connection.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { verifyProjections } from './verify';

const { file } = workerData as { file: string };
const sqlite = new Database(file, { readonly: true });
sqlite.pragma('busy_timeout = 10000');
parentPort?.postMessage(verifyProjections(sqlite, true));
sqlite.close();
