// Creates the logins the page benchmark signs in with (idempotent).
import { openDatabase } from '@/db/client';
import { seedLogins, type DemoLogin } from '@/lib/demo/seed-demo';

export const BENCH_ADMIN = 'admin@demo.test';

async function main(): Promise<void> {
  const [dbFile, count, password] = process.argv.slice(2);
  if (!dbFile || !count || !password)
    throw new Error('usage: logins-child <db-file> <claimants> <password>');
  // The demo admin's address, so it gets the demo's public two-factor key.
  const logins: DemoLogin[] = [{ email: BENCH_ADMIN, role: 'admin', note: 'bench' }];
  for (let i = 1; i <= Number(count); i += 1) {
    const accountId = `acct-${String(i).padStart(7, '0')}`;
    logins.push({
      email: `bench-claimant-${i}@bench.test`,
      role: 'claimant',
      accountId,
      note: 'bench',
    });
  }
  const db = openDatabase(dbFile);
  await seedLogins(db, logins, password);
  db.$client.close();
}

void main();
