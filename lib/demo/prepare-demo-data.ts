import type { Db } from '@/db/client';

/** Puts the demo's snapshot in place. Until the importer exists there is nothing to load. */
export async function prepareDemoData(_db: Db): Promise<void> {}
