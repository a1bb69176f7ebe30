/**
 * Staff server actions called the way a browser does, with whatever session and arguments a
 * forger chooses. Action ids come from the build's server reference manifest.
 */
import type { APIRequestContext } from '@playwright/test';
import { actionResult, builtActionId, type ActionResult } from '../support/server-actions';

export const STAFF_ACTIONS = {
  createBatchAction: 'app/finance/payouts/actions.ts',
  approveBatchAction: 'app/finance/payouts/actions.ts',
  executeBatchAction: 'app/finance/payouts/actions.ts',
  cancelBatchAction: 'app/finance/payouts/actions.ts',
  adjustClaimAction: 'app/finance/disputes/actions.ts',
  rejectDisputeAction: 'app/finance/disputes/actions.ts',
  approveAdjustmentAction: 'app/finance/disputes/actions.ts',
  rejectAdjustmentAction: 'app/finance/disputes/actions.ts',
  runVerificationAction: 'app/admin/reconciliation/actions.ts',
  publishRootAction: 'app/admin/reconciliation/actions.ts',
  createUserAction: 'app/admin/users/actions.ts',
  disableUserAction: 'app/admin/users/actions.ts',
  requestStaffChangeAction: 'app/admin/users/actions.ts',
  decideStaffRequestAction: 'app/admin/users/actions.ts',
} as const;

export type StaffAction = keyof typeof STAFF_ACTIONS;

export type { ActionResult };

const actionId = (name: StaffAction) => builtActionId(STAFF_ACTIONS[name], name);

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
