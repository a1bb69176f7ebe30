import { describe, expect, it } from 'vitest';
import { computeBundleHash, FileDigest } from './digest';

describe('computeBundleHash', () => {
  const files = { 'a.csv': { sha256: '1'.repeat(64) }, 'b.csv': { sha256: '2'.repeat(64) } };

  it('does not depend on the order files were read in', () => {
    const reversed = { 'b.csv': files['b.csv'], 'a.csv': files['a.csv'] };
    expect(computeBundleHash(reversed)).toBe(computeBundleHash(files));
  });

  it('changes when a file moves to another name', () => {
    const swapped = { 'a.csv': files['b.csv'], 'b.csv': files['a.csv'] };
    expect(computeBundleHash(swapped)).not.toBe(computeBundleHash(files));
  });
});

describe('FileDigest', () => {
  it('hashes chunks as one stream and counts bytes', () => {
    const digest = new FileDigest();
    digest.update(Buffer.from('ab'));
    digest.update(Buffer.from('c'));
    expect(digest.finish()).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      bytes: 3,
      rows: 0,
    });
  });
});
