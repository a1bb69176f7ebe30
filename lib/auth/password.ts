import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt is memory-hard: N=2^17, r=8 costs 128 MiB and about a third of a second per guess, for
 * us once per sign-in and for someone holding a stolen backup once per password tried.
 */
export const PASSWORD_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** Above the largest hash we accept (N=2^17 needs 128·N·r = 128 MiB, and a little more). */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
/** No stored hash may make a sign-in cost more than this (a row edited to N=2^30 would hang). */
const MAX_N = PASSWORD_PARAMS.N;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...opts, maxmem: MAX_MEMORY_BYTES },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PASSWORD_PARAMS);
  return [
    'scrypt',
    PASSWORD_PARAMS.N,
    PASSWORD_PARAMS.r,
    PASSWORD_PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key || +n > MAX_N) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: +n, r: +r, p: +p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (to rehash at sign-in). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return (
    scheme !== 'scrypt' ||
    Number(n) < PASSWORD_PARAMS.N ||
    Number(r) < PASSWORD_PARAMS.r ||
    Number(p) < PASSWORD_PARAMS.p
  );
}

/**
 * Verifying against this keeps an unknown email as slow as a wrong password: it has today's
 * parameters, like every hash after its login's next sign-in.
 */
export const DUMMY_HASH = [
  'scrypt',
  PASSWORD_PARAMS.N,
  PASSWORD_PARAMS.r,
  PASSWORD_PARAMS.p,
  'AAAAAAAAAAAAAAAAAAAAAA==',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
].join('$');
