// One measured `import` command (the import, then the proof root) in its own process, so peak
// memory is the command's alone; each phase is timed as the command's output reports it.
import { statSync } from 'node:fs';
import { openDatabase } from '@/db/client';
import { importAndPublish, type ImportCommandPhase } from '@/lib/cli/commands/import';
import { phaseTimer } from '@/lib/cli/progress';

async function main(): Promise<void> {
  const [dir, dbFile] = process.argv.slice(2);
  if (!dir || !dbFile) throw new Error('usage: import-child <bundle-dir> <db-file>');
  const db = openDatabase(dbFile);
  const phases = phaseTimer<ImportCommandPhase>();
  const { result } = await importAndPublish(db, {
    dir,
    actor: 'bench',
    parallel: true,
    onPhase: phases.start,
  });
  const took = Object.fromEntries(phases.finish());
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  if (result.status !== 'imported') throw new Error('bundle was already imported');
  const bytes = statSync(dbFile).size;
  const { 'proof root': proofMs = 0, ...importPhases } = took;
  const ms = Object.values(importPhases).reduce((sum, phaseMs) => sum + phaseMs, 0);
  console.log(
    JSON.stringify({
      ms,
      commandMs: ms + proofMs,
      phases: took,
      lines: result.lines,
      maxRssKb: process.resourceUsage().maxRSS,
      bytes,
    }),
  );
}

void main();
