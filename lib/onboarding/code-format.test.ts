import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveCode, formatCode, hashCode, normalizeCode } from './code-format';

describe('activation codes', () => {
  const key = randomBytes(32);

  it('derives ten unambiguous symbols from a nonce, the same every time', () => {
    const code = deriveCode(key, 'nonce-1');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(deriveCode(key, 'nonce-1')).toBe(code);
    expect(deriveCode(key, 'nonce-2')).not.toBe(code);
    expect(deriveCode(randomBytes(32), 'nonce-1')).not.toBe(code);
  });

  it('spreads codes over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) for (const c of deriveCode(key, `n${i}`)) seen.add(c);
    expect(seen.size).toBe(32);
  });

  it('reads a code however it was typed: case, dashes, spaces, O for 0 and I or L for 1', () => {
    expect(normalizeCode('ab1d0-efgh2')).toBe('AB1D0EFGH2');
    expect(normalizeCode(' abid o-efgh 2 ')).toBe('AB1D0EFGH2');
    expect(normalizeCode('ABLDO-EFGH2')).toBe('AB1D0EFGH2');
    expect(formatCode('AB1D0EFGH2')).toBe('AB1D0-EFGH2');
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeCode('ABCDE-FGHJ')).toBeNull();
    expect(normalizeCode('ABCDE-FGHJKM')).toBeNull();
    expect(normalizeCode('ABCDE-FGHJU')).toBeNull();
    expect(normalizeCode('')).toBeNull();
  });

  it('keys the stored hash', () => {
    const key = randomBytes(32);
    expect(hashCode(key, 'AB1D0EFGH2')).toBe(hashCode(key, 'AB1D0EFGH2'));
    expect(hashCode(key, 'AB1D0EFGH2')).not.toBe(hashCode(randomBytes(32), 'AB1D0EFGH2'));
    expect(hashCode(key, 'AB1D0EFGH2')).not.toContain('AB1D0EFGH2');
  });
});
