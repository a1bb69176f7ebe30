import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '@/db/client';
import { databasePath, env } from '@/lib/env';
import { DEMO_LOGINS, DEMO_PASSWORD, seedLogins } from '@/lib/demo/seed-demo';
import { prepareDemoData } from '@/lib/demo/prepare-demo-data';
import { seedDemoOutbox } from '@/lib/demo/demo-outbox';

/** A stable secret for the demo, kept beside the database so sessions survive a restart. */
function demoSecret(dbFile: string): string {
  const file = join(dirname(dbFile), '.nextauth-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const { PORT } = env();
  const dbFile = databasePath();
  const db = openDatabase(dbFile);
  await prepareDemoData(db);
  await seedLogins(db, DEMO_LOGINS, DEMO_PASSWORD);
  await seedDemoOutbox(db);
  db.$client.close();

  const serverEnv = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? demoSecret(dbFile),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
  };
  if ((await run('npx', ['next', 'build'], serverEnv)) !== 0) process.exit(1);

  console.log(`\nMakewhole demo: http://localhost:${PORT}  (database ${dbFile})`);
  console.log(`Demo logins, password "${DEMO_PASSWORD}":`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(22)} ${login.note}`);
  console.log('Staff logins then ask for a two-factor Code; get the current one with:');
  console.log('  npm run -s cli -- demo:code finance1@demo.test');
  console.log('');
  process.exit(await run('npx', ['next', 'start', '-p', String(PORT)], serverEnv));
}

void main();
