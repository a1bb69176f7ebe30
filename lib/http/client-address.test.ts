import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('the address a request came from', () => {
  it('is the connection the server accepted, whatever the client wrote before it', () => {
    expect(clientAddress('203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress('1.2.3.4, 203.0.113.9', 0)).toBe('203.0.113.9');
    expect(clientAddress('forged, 1.2.3.4,203.0.113.9', 0)).toBe('203.0.113.9');
  });

  it('behind trusted proxies, is the address the outermost proxy saw', () => {
    // client → proxy (appends the client) → server (appends the proxy)
    expect(clientAddress('198.51.100.7, 10.0.0.2', 1)).toBe('198.51.100.7');
    expect(clientAddress('forged, 198.51.100.7, 10.0.0.2', 1)).toBe('198.51.100.7');
    expect(clientAddress('forged, 198.51.100.7, 10.0.0.3, 10.0.0.2', 2)).toBe('198.51.100.7');
  });

  it('falls back sensibly when the list is shorter or missing', () => {
    expect(clientAddress('10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(undefined, 0)).toBe('unknown');
    expect(clientAddress(' , ', 0)).toBe('unknown');
    expect(clientAddress(`${'9'.repeat(100)}`, 0)).toHaveLength(64);
  });
});
