import { z } from 'zod';

// The one place that reads process.env: everything else imports `env()`.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/.+)/,
      'DATABASE_URL must look like file:./data/makewhole.db or postgres://user:password@host/db',
    )
    .default('file:./data/makewhole.db'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address `npm start` listens on; all interfaces unless set. */
  HOSTNAME: z.string().min(1).optional(),
  /** Server processes `npm start` runs on the one port; one per core unless set. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  // Reverse proxies in front of the server that append to X-Forwarded-For (lib/http/client-address).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Claimant onboarding (lib/onboarding): all optional.
  PORTAL_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Makewhole <no-reply@makewhole.invalid>'),
  ONBOARDING_SECRET: z
    .string()
    .min(32, 'ONBOARDING_SECRET must be at least 32 characters')
    .optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default('your exchange'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  if (!parsed.ok) throw new Error(`Invalid environment:\n${parsed.problems.join('\n')}`);
  cached = parsed.env;
  return cached;
}

type Parsed = { ok: true; env: Env } | { ok: false; problems: string[] };

function parseEnv(source: Record<string, string | undefined>): Parsed {
  const parsed = schema.safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  };
}

const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/**
 * What a production server cannot run without, each as "SETTING: what to set". Empty when the
 * environment is complete. A missing session secret would otherwise surface only as an error
 * page for every visitor.
 */
export function productionProblems(
  source: Record<string, string | undefined> = process.env,
): string[] {
  const parsed = parseEnv(source);
  if (!parsed.ok) return parsed.problems;
  const { NEXTAUTH_SECRET, NEXTAUTH_URL, DATABASE_URL } = parsed.env;
  const problems: string[] = [];
  if (databaseTarget(DATABASE_URL).engine === 'postgres') problems.push(POSTGRES_NOT_YET);
  if (!NEXTAUTH_SECRET)
    problems.push('NEXTAUTH_SECRET: set 32+ random characters (e.g. `openssl rand -hex 32`)');
  if (!NEXTAUTH_URL)
    problems.push("NEXTAUTH_URL: set the site's public address, e.g. https://claims.example");
  const oidc = OIDC_SETTINGS.filter((name) => parsed.env[name]);
  if (oidc.length > 0 && oidc.length < OIDC_SETTINGS.length)
    problems.push(
      `${OIDC_SETTINGS.filter((name) => !parsed.env[name]).join(', ')}: set with ${oidc.join(', ')}, or unset all three`,
    );
  return problems;
}

export type DatabaseTarget =
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** Which engine DATABASE_URL names, and where. */
export function databaseTarget(url = env().DATABASE_URL): DatabaseTarget {
  return /^postgres(ql)?:\/\//.test(url)
    ? { engine: 'postgres', url }
    : { engine: 'sqlite', file: url.replace(/^file:/, '') };
}

/** The `npm run cli --` commands that run on PostgreSQL in this version. */
const POSTGRES_COMMANDS = ['migrate', 'import', 'verify', 'backup', 'restore'];

const POSTGRES_NOT_YET = `DATABASE_URL: on PostgreSQL this version runs only these \`npm run cli --\` commands: ${POSTGRES_COMMANDS.join(', ')}; the app and the other commands need the embedded SQLite database (file:…)`;

/** What needs the SQLite database was asked to run on PostgreSQL. */
export class EngineNotSupportedError extends Error {}

/** The database file named by DATABASE_URL, resolved against the working directory. */
export function databasePath(url = env().DATABASE_URL): string {
  const target = databaseTarget(url);
  if (target.engine === 'postgres') throw new EngineNotSupportedError(POSTGRES_NOT_YET);
  return target.file;
}
