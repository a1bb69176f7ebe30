// One measured import into a fresh PostgreSQL database, in its own process, so peak memory is the
// importing process's alone (the server's own memory is PostgreSQL's to manage).
import { openPostgres } from '@/db/postgres';
import { phaseTimer } from '@/lib/cli/progress';
import { importBundleToPostgres } from '@/lib/snapshot/import-postgres';
import type { ImportPhase } from '@/lib/snapshot/import-bundle';

async function main(): Promise<void> {
  const [dir, url] = process.argv.slice(2);
  if (!dir || !url) throw new Error('usage: import-pg-child <bundle-dir> <postgres-url>');
  const db = await openPostgres(url, { max: 1 });
  const phases = phaseTimer<ImportPhase>();
  const result = await importBundleToPostgres(db, { dir, actor: 'bench', onPhase: phases.start });
  const took = Object.fromEntries(phases.finish());
  const size = await db.$client.query<{ bytes: number }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  );
  await db.$client.end();
  if (result.status !== 'imported') throw new Error('bundle was already imported');
  console.log(
    JSON.stringify({
      ms: Object.values(took).reduce((sum, phaseMs) => sum + phaseMs, 0),
      lines: result.lines,
      maxRssKb: process.resourceUsage().maxRSS,
      bytes: size.rows[0]!.bytes,
    }),
  );
}

void main();
