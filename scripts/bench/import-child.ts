// One measured import in its own process, so peak memory is the import's alone.
import { statSync } from 'node:fs';
import { openDatabase } from '@/db/client';
import { importBundle } from '@/lib/snapshot/import-bundle';

async function main(): Promise<void> {
  const [dir, dbFile] = process.argv.slice(2);
  if (!dir || !dbFile) throw new Error('usage: import-child <bundle-dir> <db-file>');
  const db = openDatabase(dbFile);
  const started = process.hrtime.bigint();
  const result = await importBundle(db, { dir, actor: 'bench', parallel: true });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  if (result.status !== 'imported') throw new Error('bundle was already imported');
  const bytes = statSync(dbFile).size;
  console.log(
    JSON.stringify({ ms, lines: result.lines, maxRssKb: process.resourceUsage().maxRSS, bytes }),
  );
}

void main();
