import { createHmac } from 'node:crypto';

/**
 * Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives; when typed,
 * O is read as 0 and I or L as 1. Ten symbols carry 50 random bits.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** The code shown to a claimant, grouped for reading: `XXXXX-XXXXX`. */
export function formatCode(normalized: string): string {
  return `${normalized.slice(0, 5)}-${normalized.slice(5)}`;
}

/** What a claimant typed, reduced to the ten symbols (or null when it cannot be a code). */
export function normalizeCode(input: string): string | null {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== CODE_LENGTH) return null;
  return [...symbols].every((c) => ALPHABET.includes(c)) ? symbols : null;
}

/** Fifty bits of HMAC(key, nonce) as ten base32 symbols: the code belonging to a nonce. */
export function deriveCode(key: Buffer, nonce: string): string {
  const digest = createHmac('sha256', key).update(`activation-code:${nonce}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) {
    code += ALPHABET[Number((bits >> BigInt(51 - 5 * i)) & 31n)];
  }
  return code;
}

/** The stored form of a code: keyed with a key kept outside the database (code-secrets.ts). */
export function hashCode(key: Buffer, normalized: string): string {
  return createHmac('sha256', key).update(normalized).digest('base64url');
}
