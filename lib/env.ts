import { z } from 'zod';

// The one place that reads process.env: everything else imports `env()`.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'DATABASE_URL must look like file:./data/makewhole.db')
    .default('file:./data/makewhole.db'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
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
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** The database file named by DATABASE_URL, resolved against the working directory. */
export function databasePath(url = env().DATABASE_URL): string {
  return url.replace(/^file:/, '');
}
