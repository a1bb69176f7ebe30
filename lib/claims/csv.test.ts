import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('writing CSV', () => {
  it('leaves plain fields alone and quotes commas, quotes and line breaks', () => {
    expect(csvField('BTC')).toBe('BTC');
    expect(csvField('0.12345678')).toBe('0.12345678');
    expect(csvField(null)).toBe('');
    expect(csvField('Exchange "Recovery", 2025')).toBe('"Exchange ""Recovery"", 2025"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses text a spreadsheet would run as a formula, but not a negative amount', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('-cmd')).toBe("'-cmd");
  });

  it('round-trips through a strict RFC 4180 parser, records ending in CRLF', () => {
    const rows = [
      ['a,b', 'say "hi"', 'multi\r\nline', '', '123.40'],
      ['plain', 'ünïcode', ' spaced ', 'x', '0'],
    ];
    const text = toCsv(['one', 'two', 'three', 'four', 'five'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('one,two,three,four,five');
    expect(parse(text, { relax_quotes: false })).toEqual([
      ['one', 'two', 'three', 'four', 'five'],
      ...rows,
    ]);
  });
});
