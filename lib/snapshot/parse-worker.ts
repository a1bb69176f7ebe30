// Reads and validates a bundle on a worker thread and streams the rows to the importing thread,
// so parsing and database writes use both cores. Bounded: at most WINDOW batches in flight.
import { parentPort, workerData } from 'node:worker_threads';
import { readBundle } from './read-bundle';
import type { AccountRow, BalanceRow } from './rows';

const BATCH_ROWS = 2_000;
const WINDOW = 8;

const port = parentPort;
if (!port) throw new Error('parse-worker must run as a worker thread');

let inFlight = 0;
let release: (() => void) | null = null;

port.on('message', (message) => {
  if (message !== 'ack') return;
  inFlight -= 1;
  release?.();
  release = null;
});

let accounts: [AccountRow, number][] = [];
let balances: [BalanceRow, number][] = [];

function send(type: 'accounts' | 'balances', rows: unknown[]): Promise<void> | undefined {
  port!.postMessage({ type, rows });
  inFlight += 1;
  return inFlight >= WINDOW ? new Promise((resolve) => (release = resolve)) : undefined;
}

function flushAccounts(): Promise<void> | undefined {
  if (accounts.length === 0) return undefined;
  const rows = accounts;
  accounts = [];
  return send('accounts', rows);
}

async function main(): Promise<void> {
  let lastProgress = 0;
  const reading = await readBundle((workerData as { dir: string }).dir, {
    onAssets: (assets) => port!.postMessage({ type: 'assets', assets }),
    onAccount: (row, line) => {
      accounts.push([row, line]);
      return accounts.length === BATCH_ROWS ? flushAccounts() : undefined;
    },
    onBalance: async (row, line) => {
      await flushAccounts();
      balances.push([row, line]);
      if (balances.length < BATCH_ROWS) return;
      const rows = balances;
      balances = [];
      await send('balances', rows);
    },
    onProgress: (done, total) => {
      if (done - lastProgress < total / 200 && done !== total) return;
      lastProgress = done;
      port!.postMessage({ type: 'progress', done, total });
    },
  });
  await flushAccounts();
  if (balances.length > 0) port!.postMessage({ type: 'balances', rows: balances, last: true });
  const { problems, ...rest } = reading;
  port!.postMessage({ type: 'done', reading: rest, problems: problems.toJSON() });
}

void main();
