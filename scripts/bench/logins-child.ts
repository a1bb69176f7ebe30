// Creates the logins the page benchmark signs in with (idempotent).
import { openDatabase } from '@/db/client';
import { seedLogins, type DemoLogin } from '@/lib/demo/seed-demo';

async function main(): Promise<void> {
  const [dbFile, count, password] = process.argv.slice(2);
  if (!dbFile || !count || !password)
    throw new Error('usage: logins-child <db-file> <claimants> <password>');
  const logins: DemoLogin[] = [{ email: 'bench-admin@bench.test', role: 'admin', note: 'bench' }];
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
