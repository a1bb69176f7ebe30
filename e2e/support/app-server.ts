/**
 * Starts another process of the production build beside the journeys' own server: on the same
 * database file (two app processes sharing one WAL database) or on a restored copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** The journeys' session secret: a token signed by one app process is good at another. */
export const E2E_NEXTAUTH_SECRET = 'e2e-only-secret-0123456789abcdef0123456789';

export type AppServer = { origin: string; stop(): Promise<void> };

/** Where a journey starts its extra servers: clear of the main one and its identity provider. */
export const extraServerPort = (offset: number) =>
  Number(process.env.E2E_PORT ?? 3100) + 20 + offset;

export async function startAppServer(options: {
  port: number;
  databaseFile: string;
  /** Settings to change, such as the public address it is served under. */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  const child = spawn('npx', ['next', 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${options.databaseFile}`,
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: origin,
      NEXT_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server = { origin, stop: () => stopProcessGroup(child) };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const healthy = await fetch(`${origin}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`The app server on ${origin} did not start:\n${output}`);
}

/** `npx` starts next in a child of its own: stop the whole group, and wait for it. */
function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}
