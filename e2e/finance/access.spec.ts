import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { storageStatePath } from '../support/logins';
import { builtActions } from '../support/server-actions';
import { query } from './finance-db';
import { callStaffAction, type StaffAction } from './staff-actions';

const STAFF_PAGES = [
  '/finance/payouts',
  '/finance/payouts/1',
  '/finance/disputes',
  '/finance/disputes/1',
  '/admin/reconciliation',
  '/admin/reconciliation/assets/BTC',
  '/admin/reconciliation/accounts/acct-0000001',
  '/admin/audit',
  '/admin/users',
];

/** Each staff route handler, at a URL that reaches it. */
const STAFF_ROUTES: Record<string, string> = {
  'app/finance/payouts/[id]/csv/route.ts': '/finance/payouts/1/csv',
  'app/admin/reconciliation/csv/route.ts': '/admin/reconciliation/csv',
};
const STAFF_DOWNLOADS = Object.values(STAFF_ROUTES);
/** Downloads that are recorded in the audit trail are POSTs: a GET never writes. */
const fetchDownload = (request: APIRequestContext, path: string) =>
  path.startsWith('/finance/payouts/') ? request.post(path, { form: {} }) : request.get(path);

/** Everything under these folders is for staff only. */
const STAFF_AREA = /^app\/(finance|admin)\//;

/** Every staff action, with input that would be accepted from the right login. */
const FORGED: [StaffAction, unknown][] = [
  ['createBatchAction', { requestId: crypto.randomUUID(), accounts: 'acct-0000001' }],
  ['approveBatchAction', { batchId: 1 }],
  ['executeBatchAction', { batchId: 1, reference: '0xforged' }],
  ['cancelBatchAction', { batchId: 1, reason: 'forged' }],
  ['adjustClaimAction', { disputeId: 1, lines: [{ asset: 'BTC', amount: '1000' }], reason: 'x' }],
  ['rejectDisputeAction', { disputeId: 1, reason: 'forged' }],
  ['approveAdjustmentAction', { proposalId: 1 }],
  ['rejectAdjustmentAction', { proposalId: 1, reason: 'forged' }],
  ['runVerificationAction', {}],
  ['publishRootAction', {}],
  ['createUserAction', { email: 'forged@demo.test', role: 'admin', password: 'forged-password-1' }],
  ['disableUserAction', { userId: 2 }],
  ['requestStaffChangeAction', { kind: 'reset_totp', userId: 2 }],
  ['decideStaffRequestAction', { requestId: 1, decision: 'approve' }],
];

function staffWritesBy(email: string): number {
  return query<{ n: number }>(
    `SELECT count(*) AS n FROM audit_events WHERE actor_email = ?
     AND action NOT LIKE 'auth.%' AND action NOT LIKE 'claim.%'`,
    email,
  )[0]!.n;
}

test.describe('the lists of staff actions and routes these journeys forge', () => {
  test('name every staff server action in the build', () => {
    const built = builtActions()
      .filter((action) => STAFF_AREA.test(action.filename))
      .map((action) => action.exportedName)
      .sort();
    expect(built.length).toBeGreaterThan(0);
    expect(built).toEqual(FORGED.map(([name]) => name).sort());
  });

  test('name every staff route handler in the source', () => {
    const routes = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return routes(path);
        return /^route\.tsx?$/.test(entry.name) ? [path] : [];
      });
    const staff = routes('app')
      .filter((path) => STAFF_AREA.test(path))
      .sort();
    expect(staff).toEqual(Object.keys(STAFF_ROUTES).sort());
  });
});

test.describe('a claimant', () => {
  test.use({ storageState: storageStatePath('claimant') });

  test('is refused every staff page and download', async ({ page }) => {
    for (const path of STAFF_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
    }
    for (const path of STAFF_DOWNLOADS) {
      expect((await fetchDownload(page.request, path)).status(), path).toBe(403);
    }
  });

  test('is refused every staff action, and nothing is written', async ({ page, baseURL }) => {
    for (const [name, input] of FORGED) {
      const result = await callStaffAction(page.request, {
        path: '/claim',
        origin: baseURL!,
        name,
        input,
      });
      expect(result, name).toEqual({ ok: false, error: 'You do not have access to this.' });
    }
    expect(staffWritesBy('alice@demo.test')).toBe(0);
    expect(query('SELECT id FROM users WHERE email = ?', 'forged@demo.test')).toEqual([]);
  });
});

test.describe('an anonymous visitor', () => {
  test('is sent to sign in from every staff page and refused every download', async ({ page }) => {
    for (const path of STAFF_PAGES) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login$/);
    }
    for (const path of STAFF_DOWNLOADS) {
      expect((await fetchDownload(page.request, path)).status(), path).toBe(401);
    }
  });

  test('is refused every staff action', async ({ page, baseURL }) => {
    for (const [name, input] of FORGED) {
      const result = await callStaffAction(page.request, {
        path: '/login',
        origin: baseURL!,
        name,
        input,
      });
      expect(result, name).toEqual({ ok: false, error: 'Please sign in.' });
    }
  });
});

test.describe('finance', () => {
  test.use({ storageState: storageStatePath('finance1') });

  test('is refused the admin-only actions', async ({ page, baseURL }) => {
    for (const name of [
      'runVerificationAction',
      'publishRootAction',
      'createUserAction',
      'disableUserAction',
      'requestStaffChangeAction',
      'decideStaffRequestAction',
    ] as const) {
      const input = FORGED.find(([n]) => n === name)![1];
      const result = await callStaffAction(page.request, {
        path: '/finance/payouts',
        origin: baseURL!,
        name,
        input,
      });
      expect(result, name).toEqual({ ok: false, error: 'You do not have access to this.' });
    }
  });
});
