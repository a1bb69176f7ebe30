/** Runs the command line against a database file, as an operator would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type CliRun = { status: number | null; stdout: string; stderr: string };

export function runCli(databaseFile: string, args: string[]): CliRun {
  const result = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', join('lib', 'cli', 'main.ts'), ...args],
    {
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
