import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every way into the application is authorized on the server. This walks app/ and fails for any
 * page, route handler or server action that does not go through the one guard for its kind,
 * unless it is listed here as public, with the reason.
 */
const PUBLIC = new Map<string, string>([
  ['app/page.tsx', 'redirects to sign-in or to the home of the signed-in role'],
  ['app/login/page.tsx', 'the sign-in form'],
  ['app/not-found.tsx', 'error page'],
  ['app/forbidden.tsx', 'error page'],
  ['app/api/health/route.ts', 'says only whether the database answers'],
  ['app/api/auth/[...nextauth]/route.ts', "next-auth's own sign-in endpoints"],
  ['app/proof/page.tsx', 'the published proof root and a checker that runs in the browser'],
  ['app/proof/roots/route.ts', 'the published proof roots as JSON, for the checkers'],
  ['app/activate/page.tsx', 'activation with an emailed code, throttled'],
  ['app/forgot-password/page.tsx', 'asks for a reset code by email, throttled'],
  ['app/activate/no-match/page.tsx', 'explains a sign-in at the exchange that matched no claim'],
  ['app/activate/exchange/page.tsx', "the step before leaving for the exchange's own sign-in"],
  ['app/activate/actions.ts', 'code check, password choice and code request, each throttled'],
  ['app/login/actions.ts', 'the authenticator key of a first staff sign-in, behind the password'],
]);

const ROOT = join(process.cwd(), 'app');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const all = files(ROOT).map((path) => ({
  path: relative(process.cwd(), path),
  text: readFileSync(path, 'utf8'),
}));

describe('authorization coverage', () => {
  it('finds the application to check', () => {
    expect(all.filter((f) => f.path.endsWith('page.tsx')).length).toBeGreaterThan(5);
  });

  it('guards every page with requirePermission or requireUser', () => {
    const unguarded = all
      .filter((f) => /\/page\.tsx$/.test(f.path) && !PUBLIC.has(f.path))
      .filter((f) => !/\brequire(Permission|User)\(/.test(f.text))
      .map((f) => f.path);
    expect(unguarded).toEqual([]);
  });

  it('guards every route handler with apiRoute', () => {
    const unguarded = all
      .filter((f) => /\/route\.tsx?$/.test(f.path) && !PUBLIC.has(f.path))
      .flatMap((f) => {
        const exports = [
          ...f.text.matchAll(
            /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b([^\n]*)/g,
          ),
        ];
        if (exports.length === 0) return [`${f.path}: exports no handler this check understands`];
        return exports
          .filter((m) => !/=\s*apiRoute\(/.test(m[2] ?? ''))
          .map((m) => `${f.path}: ${m[1]}`);
      });
    expect(unguarded).toEqual([]);
  });

  it('builds every exported server action with the action() wrapper', () => {
    const serverFiles = all.filter(
      (f) => /^\s*['"]use server['"]/.test(f.text) && !PUBLIC.has(f.path),
    );
    const unguarded = serverFiles.flatMap((f) => {
      const exports = [
        ...f.text.matchAll(/export\s+(const|async\s+function|function|default)\s*(\w*)([^\n]*)/g),
      ];
      return exports
        .filter((m) => m[1] !== 'const' || !/=\s*action\(/.test(m[3] ?? ''))
        .filter((m) => !/^\s*=\s*$/.test(m[3] ?? '') || !nextLineIsAction(f.text, m.index ?? 0))
        .map((m) => `${f.path}: ${m[2] || m[1]}`);
    });
    expect(unguarded).toEqual([]);
  });
});

/** `export const x =\n  action(…)` as prettier may wrap it. */
function nextLineIsAction(text: string, at: number): boolean {
  const rest = text.slice(at).split('\n');
  return /^\s*action\(/.test(rest[1] ?? '');
}
