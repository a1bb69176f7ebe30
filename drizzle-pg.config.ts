import { defineConfig } from 'drizzle-kit';

// Migrations for PostgreSQL (`npm run db:generate`): the same tables as drizzle.config.ts's,
// from db/schema-pg.ts, which db/schema-parity.test.ts holds to db/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg.ts',
  out: './db/migrations/pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/makewhole' },
});
