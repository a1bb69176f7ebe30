import { spawn } from 'node:child_process';
import { AppError } from '@/lib/errors';

/** Where to find PostgreSQL's client programs; PATH unless told otherwise. */
export type PgTools = { pgDump?: string; pgRestore?: string };

type Tool = 'pg_dump' | 'pg_restore';

const binary = (tool: Tool, tools: PgTools = {}) =>
  (tool === 'pg_dump' ? tools.pgDump : tools.pgRestore) ?? tool;

// Output is kept for the message only: a bound keeps a chatty failure from filling memory.
const MAX_OUTPUT_CHARS = 64 * 1024;

type Outcome = { code: number | null; stdout: string; stderr: string; missing: boolean };

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' }),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr, missing: false }));
  });
}

const install = (serverMajor: number) =>
  `install the PostgreSQL ${serverMajor} client tools or newer (pg_dump and pg_restore, e.g. apt-get install postgresql-client-${serverMajor}) and put them first on PATH`;

/**
 * Refuses, in one line, a client program that is missing or older than the server: an older
 * pg_dump refuses a newer server, and an older pg_restore cannot read a newer pg_dump's archive.
 */
export async function requirePgTool(tool: Tool, serverMajor: number, tools?: PgTools) {
  const outcome = await run(binary(tool, tools), ['--version'], process.env);
  if (outcome.missing)
    throw new AppError('conflict', `${tool} was not found: ${install(serverMajor)}.`);
  const version = /\(PostgreSQL\)\s+(\d+)(\.\d+)?/.exec(outcome.stdout);
  if (outcome.code !== 0 || !version)
    throw new AppError(
      'conflict',
      `${binary(tool, tools)} --version did not say which PostgreSQL it is: ${install(serverMajor)}.`,
    );
  if (Number(version[1]) < serverMajor)
    throw new AppError(
      'conflict',
      `${tool} ${version[1]}${version[2] ?? ''} is older than the server (PostgreSQL ${serverMajor}): ${install(serverMajor)}.`,
    );
}

/**
 * The connection as libpq takes it: the URL without its password, which goes in PGPASSWORD
 * instead, so that it never shows in a process listing.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  const env = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

/** The first lines a failed program wrote, for a message of reasonable length. */
const firstLines = (stderr: string) =>
  stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 600) || 'no message';

/** Runs `tool` against the database `url` names; refuses with its own words if it fails. */
export async function runPgTool(
  tool: Tool,
  url: string,
  args: string[],
  tools?: PgTools,
): Promise<void> {
  const { dbname, env } = connection(url);
  const outcome = await run(
    binary(tool, tools),
    [`--dbname=${dbname}`, '--no-password', ...args],
    env,
  );
  if (outcome.missing) throw new AppError('conflict', `${tool} was not found.`);
  if (outcome.code !== 0)
    throw new AppError('conflict', `${tool} failed: ${firstLines(outcome.stderr)}`);
}
