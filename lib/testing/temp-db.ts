import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '@/db/client';

/** A migrated database in a fresh temporary folder. */
export function tempDb(prefix = 'mw-'): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), prefix)), 'test.db'));
}
