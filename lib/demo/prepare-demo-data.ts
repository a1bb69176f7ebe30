import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '@/db/client';
import { databasePath } from '@/lib/env';
import { generateBundle } from '@/lib/snapshot/generate';
import { publishRoot } from '@/lib/proofs/publish-root';
import { importBundle } from '@/lib/snapshot/import-bundle';

export const DEMO_SEED = 'makewhole-demo';

/**
 * Generates the demo bundle beside the database (once) and imports it; importing the same bundle
 * again is a no-op, so this is safe to run at every start. The proof root is published once,
 * right after the import.
 */
export async function prepareDemoData(db: Db, options: { accounts?: number } = {}): Promise<void> {
  const dir = join(dirname(databasePath()), 'demo-bundle');
  if (!existsSync(join(dir, 'balances.csv'))) {
    await generateBundle({ accounts: options.accounts ?? 2000, seed: DEMO_SEED, outDir: dir });
  }
  const result = await importBundle(db, { dir, actor: 'demo' });
  if (result.status === 'imported') publishRoot(db.$client, { actor: 'demo' });
}
