import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from './security-headers';

const scriptSrc = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src '));

describe('the content security policy', () => {
  it("lets scripts run only with the response's nonce, never inline", () => {
    const nonce = newNonce();
    const scripts = scriptSrc(contentSecurityPolicy({ nonce, dev: false }));
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it('takes a new nonce for every response', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent when the public address is HTTPS', () => {
    expect(strictTransportSecurity('https://claims.example')).toMatch(/^max-age=\d{8,}$/);
  });

  it('is not sent over plain HTTP or without a public address', () => {
    expect(strictTransportSecurity('http://127.0.0.1:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});
