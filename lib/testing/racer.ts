/**
 * One racer of the concurrency tests, on a worker thread or in a child process. For each race it
 * opens its own connection, waits at the start line with the other racers, then makes its
 * attempts through the domain function the server action calls, and reports how each ended.
 * It runs bundled (see race.ts): fifty tsx workers would take twenty seconds to start.
 */
import { parentPort } from 'node:worker_threads';
import { openDatabase, type Db } from '@/db/client';
import type { StaffActor } from '@/lib/audit/actor';
import type { SessionUser } from '@/lib/auth/authenticate';
import { acknowledgeClaim } from '@/lib/claims/acknowledge-claim';
import { openDispute } from '@/lib/claims/open-dispute';
import { AppError } from '@/lib/errors';
import { approveBatch } from '@/lib/payouts/approve-batch';
import { createBatch } from '@/lib/payouts/create-batch';

/** What every attempt of a race sends: the same inputs a double click or a replay would. */
export type Attempt =
  | { kind: 'acknowledge'; accountId: string; version: string; actor: SessionUser }
  | {
      kind: 'dispute';
      accountId: string;
      version: string;
      lines: { asset: string; expected: string }[];
      explanation: string;
      references: string[];
      actor: SessionUser;
      /** Each attempt adds its number to the explanation: fifty different disputes. */
      distinct: boolean;
    }
  /** With `distinct`, each attempt is a new form (its own request id), else a resent one. */
  | { kind: 'create'; requestId: string; actor: StaffActor; distinct: boolean }
  /** Attempt i approves as approvers[i % approvers.length]. */
  | { kind: 'approve'; batchId: number; approvers: StaffActor[] };

export type RaceOrder = {
  file: string;
  attempt: Attempt;
  /** Attempts this racer makes, one after the other on its connection. */
  count: number;
  /** Number of this racer's first attempt among all the race's attempts. */
  first: number;
  /** Worker threads wait on it (Atomics) until it holds 1; child processes wait for 'go'. */
  gate?: SharedArrayBuffer;
};

/** `appended`, `replayed`, `refused:<AppError code>`, or `error:<anything else>`. */
export type Outcome = string;

export type RacerMessage = { type: 'ready' } | { type: 'done'; outcomes: Outcome[] };

/** A UUID per attempt number, as a form rendered fifty times would carry. */
const numberedRequestId = (index: number) =>
  `00000000-0000-4000-9000-${index.toString().padStart(12, '0')}`;

function perform(db: Db, attempt: Attempt, index: number): { replayed: boolean } {
  switch (attempt.kind) {
    case 'acknowledge':
      return acknowledgeClaim(db.$client, attempt);
    case 'dispute':
      return openDispute(db.$client, {
        ...attempt,
        explanation: attempt.distinct
          ? `${attempt.explanation} (request ${index})`
          : attempt.explanation,
      });
    case 'create':
      return createBatch(db, {
        requestId: attempt.distinct ? numberedRequestId(index) : attempt.requestId,
        actor: attempt.actor,
      });
    case 'approve': {
      const actor = attempt.approvers[index % attempt.approvers.length];
      if (!actor) throw new Error('an approval race needs approvers');
      return approveBatch(db, { batchId: attempt.batchId, actor });
    }
  }
}

function outcomeOf(db: Db, attempt: Attempt, index: number): Outcome {
  try {
    return perform(db, attempt, index).replayed ? 'replayed' : 'appended';
  } catch (error) {
    if (error instanceof AppError) return `refused:${error.code}`;
    const { code, message } = error as { code?: unknown; message?: unknown };
    return `error:${String(code ?? message ?? error)}`;
  }
}

const send = (message: RacerMessage) =>
  parentPort ? parentPort.postMessage(message) : process.send?.(message);

/** Messages from the test, in order, whichever kind of racer this is. */
const inbox: unknown[] = [];
let wake: (() => void) | null = null;
const deliver = (message: unknown) => {
  inbox.push(message);
  wake?.();
};
if (parentPort) parentPort.on('message', deliver);
else process.on('message', deliver);

async function receive(): Promise<unknown> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return inbox.shift();
}

async function main(): Promise<void> {
  for (;;) {
    const order = (await receive()) as RaceOrder;
    const db = openDatabase(order.file);
    send({ type: 'ready' });
    if (order.gate) Atomics.wait(new Int32Array(order.gate), 0, 0);
    else await receive();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < order.count; i += 1)
      outcomes.push(outcomeOf(db, order.attempt, order.first + i));
    db.$client.close();
    send({ type: 'done', outcomes });
  }
}

void main();
