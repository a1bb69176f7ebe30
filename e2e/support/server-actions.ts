/**
 * Server actions as the build knows them: ids from the server reference manifest, and the
 * action's result read back from the RSC response. For journeys that call actions the way a
 * browser does, with whatever session and arguments a forger chooses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ActionResult = { ok: boolean; error?: string; data?: unknown; fieldErrors?: unknown };

export type BuiltAction = { id: string; filename: string; exportedName: string };

/** Every server action in the build under test. */
export function builtActions(): BuiltAction[] {
  const dist = process.env.NEXT_DIST_DIR || '.next';
  const manifest = JSON.parse(
    readFileSync(join(dist, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? '',
    exportedName: entry.exportedName ?? '',
  }));
}

export function builtActionId(filename: string, exportedName: string): string {
  const found = builtActions().find(
    (action) => action.filename === filename && action.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} in the build's manifest`);
  return found.id;
}

/** The action's result: the RSC row that carries `ok` (`undefined` is written "$undefined"). */
export function actionResult(body: string): ActionResult | null {
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
