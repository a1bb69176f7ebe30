// A second reader of verifyLedgerInParallel: recomputes one part of it on its own connection.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { type ProjectionPart, verifyProjections } from './verify';

const { file, part } = workerData as { file: string; part: ProjectionPart };
const sqlite = new Database(file, { readonly: true });
sqlite.pragma('busy_timeout = 10000');
parentPort?.postMessage(verifyProjections(sqlite, true, [part]));
sqlite.close();
