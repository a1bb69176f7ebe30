import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('the address a request came from', () => {
  it('behind one trusted proxy, is what the proxy appended, whatever the client wrote', () => {
    // client → proxy (appends the address it saw) → server
    expect(clientAddress('198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('forged, 1.2.3.4,198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('behind two proxies, is what the outer one saw', () => {
    // client → outer proxy (appends the client) → inner proxy (appends the outer) → server
    expect(clientAddress('198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    expect(clientAddress('forged, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });

  it('with no proxy, is the address the server filled in', () => {
    expect(clientAddress('127.0.0.1', 0)).toBe('127.0.0.1');
  });

  it('falls back sensibly when the list is shorter or missing', () => {
    expect(clientAddress('10.0.0.2', 2)).toBe('10.0.0.2');
    expect(clientAddress(undefined, 0)).toBe('unknown');
    expect(clientAddress(' , ', 1)).toBe('unknown');
    expect(clientAddress('9'.repeat(100), 1)).toHaveLength(64);
  });
});
