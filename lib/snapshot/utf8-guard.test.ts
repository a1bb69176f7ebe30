import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Guard } from './utf8-guard';

function feed(chunks: Buffer[]): { passed: Buffer; badLine: number | undefined } {
  const guard = new Utf8Guard();
  const passed: Buffer[] = [];
  for (const chunk of chunks) {
    passed.push(guard.check(chunk));
    if (guard.badLine !== undefined) break;
  }
  guard.finish();
  return { passed: Buffer.concat(passed), badLine: guard.badLine };
}

function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

describe('Utf8Guard', () => {
  it('passes valid UTF-8 through unchanged however it is chunked (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          const { passed, badLine } = feed(splitAt(bytes, cuts));
          expect(badLine).toBeUndefined();
          expect(passed.equals(bytes)).toBe(true);
        },
      ),
    );
  });

  it('holds back a character split across chunks until it is complete', () => {
    const euro = Buffer.from('€');
    const guard = new Utf8Guard();
    expect(guard.check(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)])).toString()).toBe(
      'a',
    );
    expect(guard.check(euro.subarray(2)).toString()).toBe('€');
    expect(guard.badLine).toBeUndefined();
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a byte never used in UTF-8', [0xff]],
  ])('finds %s and names its line', (_name, bad) => {
    const bytes = Buffer.concat([
      Buffer.from('line one\nline two\nx'),
      Buffer.from(bad),
      Buffer.from('\nline four\n'),
    ]);
    const { passed, badLine } = feed([bytes]);
    expect(badLine).toBe(3);
    expect(passed.toString()).toBe('line one\nline two\n');
  });

  it('names the right line when the bad byte is in a later chunk', () => {
    const { badLine } = feed([Buffer.from('1\n2\n'), Buffer.from('3\n4'), Buffer.from([0xfe])]);
    expect(badLine).toBe(4);
  });
});
