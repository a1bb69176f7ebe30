// Serves the production build on a throw-away database seeded for the journeys.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { e2eIdentityProviderEnv } from '@/e2e/onboarding/identity-provider-env';
import { E2E_NEXTAUTH_SECRET } from '@/e2e/support/app-server';

const port = process.argv[2] ?? '3100';
const dataDir = `./data/e2e-${port}`;
const dbFile = `${dataDir}/makewhole.db`;
process.env.DATABASE_URL = `file:${dbFile}`;

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const { openDatabase } = await import('@/db/client');
  const { seedE2e } = await import('@/e2e/support/seed');
  const db = openDatabase(dbFile);
  await seedE2e(db);
  db.$client.close();
  const child = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      ...e2eIdentityProviderEnv(Number(port)),
    },
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main();
