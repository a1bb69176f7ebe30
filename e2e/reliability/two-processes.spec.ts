import { expect, test, type Browser } from '@playwright/test';
import { claimRecord } from '../claimant/claim-db';
import { callClaimAction } from '../claimant/server-action';
import { query } from '../finance/finance-db';
import { callStaffAction } from '../finance/staff-actions';
import { extraServerPort, startAppServer, type AppServer } from '../support/app-server';
import { runCli } from '../support/cli';
import { e2eDatabaseFile } from '../support/journey-database';
import { LoginPage } from '../support/login-page';
import { LOGINS, PASSWORD } from '../support/logins';
import { RELIABILITY_CLAIMANTS } from '../support/reliability-claimants';

const RACERS = 50;

/**
 * A second process of the application on the journeys' own database file: the two serve the
 * same people at once, as two instances behind a load balancer would.
 */
let second: AppServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  second = await startAppServer({ port: extraServerPort(0), databaseFile: e2eDatabaseFile() });
});

test.afterAll(async () => {
  await second?.stop();
});

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, PASSWORD);
  await expect(page).not.toHaveURL(/\/login$/);
  return context;
}

/** The origins the racing requests alternate between. */
const origins = (first: string) => [first, second.origin];

test(`${RACERS} acknowledgments of one claim sent to two app processes at once append once`, async ({
  browser,
  baseURL,
}) => {
  const { accountId, email } = RELIABILITY_CLAIMANTS.henry;
  const context = await signedIn(browser, email);
  const claim = (await (await context.request.get('/api/claim')).json()) as { version: string };
  const outcomes = await Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      callClaimAction(context.request, origins(baseURL!)[i % 2]!, 'acknowledgeClaimAction', [
        { version: claim.version },
      ]),
    ),
  );
  expect(outcomes.map((o) => o.status)).toEqual(Array(RACERS).fill(200));
  const data = outcomes.map((o) => o.result?.data as { replayed: boolean; reference: string });
  expect(outcomes.every((o) => o.result?.ok)).toBe(true);
  expect(data.filter((d) => !d.replayed)).toHaveLength(1);
  expect(new Set(data.map((d) => d.reference)).size).toBe(1);
  expect(claimRecord(accountId)).toMatchObject({
    status: 'acknowledged',
    acknowledgedVersion: claim.version,
    acknowledgments: 1,
  });
  await context.close();
});

test(`${RACERS} identical disputes sent to two app processes at once open one dispute`, async ({
  browser,
  baseURL,
}) => {
  const { accountId, email } = RELIABILITY_CLAIMANTS.iris;
  const context = await signedIn(browser, email);
  const claim = (await (await context.request.get('/api/claim')).json()) as {
    version: string;
    lines: { asset: string; claim: string }[];
  };
  const line = claim.lines.find((l) => l.claim !== '0')!;
  const dispute = {
    version: claim.version,
    lines: [{ asset: line.asset, expected: String(BigInt(line.claim.split('.')[0]!) + 1n) }],
    explanation: 'My balance was higher before the hack.',
    references: '',
  };
  const outcomes = await Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      callClaimAction(context.request, origins(baseURL!)[i % 2]!, 'openDisputeAction', [dispute]),
    ),
  );
  expect(outcomes.map((o) => o.status)).toEqual(Array(RACERS).fill(200));
  expect(outcomes.every((o) => o.result?.ok)).toBe(true);
  const data = outcomes.map((o) => o.result?.data as { replayed: boolean; disputeId: number });
  expect(data.filter((d) => !d.replayed)).toHaveLength(1);
  expect(new Set(data.map((d) => d.disputeId)).size).toBe(1);
  expect(claimRecord(accountId)).toMatchObject({
    status: 'disputed',
    disputes: 1,
    openDisputes: 1,
  });
  await context.close();
});

test(`${RACERS} approvals of one batch sent to two app processes at once approve it once`, async ({
  browser,
  baseURL,
}) => {
  const { batchId } = query<{ batchId: number }>(
    'SELECT batch_id AS batchId FROM payout_items WHERE account_id = ? AND live = 1',
    RELIABILITY_CLAIMANTS.judy.accountId,
  )[0]!;
  const context = await signedIn(browser, LOGINS.finance2);
  const outcomes = await Promise.all(
    Array.from({ length: RACERS }, (_, i) => {
      const origin = origins(baseURL!)[i % 2]!;
      return callStaffAction(context.request, {
        path: `${origin}/finance/payouts/${batchId}`,
        origin,
        name: 'approveBatchAction',
        input: { batchId },
      });
    }),
  );
  expect(outcomes.every((o) => o?.ok)).toBe(true);
  const replays = outcomes.map((o) => (o?.data as { replayed: boolean }).replayed);
  expect(replays.filter((replayed) => !replayed)).toHaveLength(1);
  const approvals = query<{ n: number }>(
    `SELECT count(*) AS n FROM ledger_transactions
      WHERE kind = 'payout.batch_approved' AND json_extract(memo, '$.batchId') = ?`,
    batchId,
  );
  expect(approvals[0]!.n).toBe(1);
  expect(
    query<{ status: string }>('SELECT status FROM payout_batches WHERE id = ?', batchId)[0]!.status,
  ).toBe('approved');
  await context.close();
});

test('the ledger both processes wrote verifies', () => {
  const verify = runCli(e2eDatabaseFile(), ['verify']);
  expect(verify.stderr).toBe('');
  expect(verify.status).toBe(0);
  expect(verify.stdout).toMatch(/ok|verified/i);
});
