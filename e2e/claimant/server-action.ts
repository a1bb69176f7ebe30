/**
 * Calls the claim page's server actions the way a browser does, with whatever arguments a
 * forger chooses. Action ids come from the build's server reference manifest.
 */
import type { APIRequestContext } from '@playwright/test';
import { actionResult, builtActionId, type ActionResult } from '../support/server-actions';

export type ClaimActionName = 'acknowledgeClaimAction' | 'openDisputeAction';
export type { ActionResult };

export const claimActionId = (name: ClaimActionName) => builtActionId('app/claim/actions.ts', name);

export async function callClaimAction(
  request: APIRequestContext,
  origin: string,
  name: ClaimActionName,
  args: unknown[],
): Promise<{ status: number; result: ActionResult | null }> {
  const response = await request.post(new URL('/claim', origin).href, {
    headers: {
      'Next-Action': claimActionId(name),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: origin,
    },
    data: JSON.stringify(args),
  });
  return { status: response.status(), result: actionResult(await response.text()) };
}
