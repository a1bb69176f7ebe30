import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { productionProblems } from '@/lib/env';

const SECRET = 'start-test-secret-0123456789abcdef0123';
const complete = { NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: 'https://claims.example' };

/** Runs `npm start`'s script with exactly these settings (plus PATH) and no build folder. */
function start(settings: Record<string, string>) {
  const result = spawnSync('node_modules/.bin/tsx', ['scripts/start.ts'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: '.no-build',
      ...settings,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, lines: result.stderr.trim().split('\n') };
}

describe('npm start', () => {
  it('refuses to start without NEXTAUTH_SECRET, in one line that says what to set', () => {
    const { status, lines } = start({ NEXTAUTH_URL: complete.NEXTAUTH_URL });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^makewhole: refusing to start: NEXTAUTH_SECRET: set 32\+ random/);
  });

  it('refuses a secret too short to sign sessions', () => {
    const { status, lines } = start({ ...complete, NEXTAUTH_SECRET: 'short' });
    expect(status).toBe(1);
    expect(lines).toEqual([
      'makewhole: refusing to start: NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters',
    ]);
  });

  it('refuses a PostgreSQL database, which only `migrate`, `import`, `verify`, `backup` and `restore` run on in this version, in one line', () => {
    const { status, lines } = start({
      ...complete,
      DATABASE_URL: 'postgres://makewhole@127.0.0.1:5432/makewhole',
    });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^makewhole: refusing to start: DATABASE_URL: on PostgreSQL .* commands: migrate, import, verify, backup, restore;/,
    );
  });

  it('refuses a DATABASE_URL naming neither engine', () => {
    const { status, lines } = start({ ...complete, DATABASE_URL: 'mysql://x@y/z' });
    expect(status).toBe(1);
    expect(lines).toEqual([
      'makewhole: refusing to start: DATABASE_URL: DATABASE_URL must look like file:./data/makewhole.db or postgres://user:password@host/db',
    ]);
  });

  it('refuses to start without a production build once the settings are complete', () => {
    const { status, lines } = start(complete);
    expect(status).toBe(1);
    expect(lines).toEqual([
      'makewhole: refusing to start: no production build: run `npm run build` first',
    ]);
  });
});

describe('production settings', () => {
  it('are complete with a session secret and the public address', () => {
    expect(productionProblems(complete)).toEqual([]);
  });

  it('name every missing setting', () => {
    expect(productionProblems({}).map((p) => p.split(':')[0])).toEqual([
      'NEXTAUTH_SECRET',
      'NEXTAUTH_URL',
    ]);
  });

  it('ask for the identity provider in full or not at all', () => {
    const problems = productionProblems({ ...complete, OIDC_ISSUER: 'https://id.example' });
    expect(problems).toEqual([
      'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set with OIDC_ISSUER, or unset all three',
    ]);
  });
});
