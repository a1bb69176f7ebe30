// Runs a benchmark step in its own node process (with the react-server condition, as the CLI).
import { execFileSync } from 'node:child_process';

/** Runs a TypeScript script and returns what it printed on stdout. */
export function tsx(script: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', script, ...args],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

/** The JSON a child printed on its last line. */
export function lastJson<T>(output: string): T {
  const line = output.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as T;
}
