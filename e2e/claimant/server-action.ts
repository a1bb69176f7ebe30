/**
 * Calls the claim page's server actions the way a browser does, with whatever arguments a
 * forger chooses. Action ids come from the build's server reference manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';

type ManifestEntry = { filename?: string; exportedName?: string };
export type ClaimActionName = 'acknowledgeClaimAction' | 'openDisputeAction';
export type ActionResult = { ok: boolean; error?: string; data?: unknown; fieldErrors?: unknown };

export function claimActionId(name: ClaimActionName): string {
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const manifest = JSON.parse(
    readFileSync(join(dist, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === 'app/claim/actions.ts' && entry.exportedName === name,
  );
  if (!found) throw new Error(`No server action ${name} in the build's manifest`);
  return found[0];
}

/** The action's result, read from the RSC response (the row that carries `ok`). */
function actionResult(body: string): ActionResult | null {
  for (const row of body.split('\n')) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(row)?.[1];
    if (!json) continue;
    // The RSC payload writes `undefined` as the string "$undefined".
    const value = JSON.parse(json, (_key, v: unknown) =>
      v === '$undefined' ? undefined : v,
    ) as Partial<ActionResult>;
    if (typeof value.ok === 'boolean') return value as ActionResult;
  }
  return null;
}

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
