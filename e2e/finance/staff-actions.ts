/**
 * Staff server actions called the way a browser does, with whatever session and arguments a
 * forger chooses. Action ids come from the build's server reference manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';

export const STAFF_ACTIONS = {
  createBatchAction: 'app/finance/payouts/actions.ts',
  approveBatchAction: 'app/finance/payouts/actions.ts',
  executeBatchAction: 'app/finance/payouts/actions.ts',
  cancelBatchAction: 'app/finance/payouts/actions.ts',
  adjustClaimAction: 'app/finance/disputes/actions.ts',
  rejectDisputeAction: 'app/finance/disputes/actions.ts',
  runVerificationAction: 'app/admin/reconciliation/actions.ts',
  createUserAction: 'app/admin/users/actions.ts',
  disableUserAction: 'app/admin/users/actions.ts',
} as const;

export type StaffAction = keyof typeof STAFF_ACTIONS;

export type ActionResult = { ok: boolean; error?: string; data?: unknown };

type ManifestEntry = { filename?: string; exportedName?: string };

function actionId(name: StaffAction): string {
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const manifest = JSON.parse(
    readFileSync(join(dist, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === STAFF_ACTIONS[name] && entry.exportedName === name,
  );
  if (!found) throw new Error(`No server action ${name} in the build's manifest`);
  return found[0];
}

/** The action's result, read from the RSC response (the row that carries `ok`). */
function actionResult(body: string): ActionResult | null {
  for (const row of body.split('\n')) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(row)?.[1];
    if (!json) continue;
    const value = JSON.parse(json, (_key, v: unknown) =>
      v === '$undefined' ? undefined : v,
    ) as Partial<ActionResult>;
    if (typeof value.ok === 'boolean') return value as ActionResult;
  }
  return null;
}

/** Posts to `path` (a page the caller may load) with the action's id and arguments. */
export async function callStaffAction(
  request: APIRequestContext,
  options: { path: string; origin: string; name: StaffAction; input: unknown },
): Promise<ActionResult | null> {
  const response = await request.post(options.path, {
    headers: {
      'Next-Action': actionId(options.name),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: options.origin,
    },
    data: JSON.stringify([options.input]),
    maxRedirects: 0,
  });
  return actionResult(await response.text());
}
