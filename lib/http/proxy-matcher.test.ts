import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

const passes = (url: string, headers: Record<string, string> = {}) =>
  unstable_doesMiddlewareMatch({ config, url, headers });

describe('what passes through the proxy (script nonce, HSTS, server-action bodies)', () => {
  it('every page, route handler and server action', () => {
    for (const url of ['/', '/login', '/claim', '/admin/audit?actor=x', '/api/health']) {
      expect(passes(url), url).toBe(true);
    }
    expect(passes('/api/auth/callback/credentials')).toBe(true);
    expect(passes('/activate', { 'next-action': 'abc123' })).toBe(true);
  });

  it('not the build’s static files, image optimisation or files from public/', () => {
    for (const url of [
      '/_next/static/chunks/main.js',
      '/_next/image?url=%2Fx.png&w=64&q=75',
      '/favicon.ico',
      '/robots.txt',
      '/.well-known/security.txt',
    ]) {
      expect(passes(url), url).toBe(false);
    }
  });
});
