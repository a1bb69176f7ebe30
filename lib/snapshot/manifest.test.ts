import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';
import { Problems } from './problems';

function parse(json: unknown) {
  const problems = new Problems();
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const manifest = parseManifest(Buffer.from(text), problems);
  return { manifest, errors: problems.errorMessages, warnings: problems.warningMessages };
}

const valid = { program: 'Makewhole demo program', snapshotAt: '2025-03-14T23:59:59Z' };

describe('parseManifest', () => {
  it('reads program, UTC snapshot time and full coverage by default', () => {
    const { manifest, errors } = parse(valid);
    expect(errors).toEqual([]);
    expect(manifest?.program).toBe('Makewhole demo program');
    expect(manifest?.snapshotAt).toBe('2025-03-14T23:59:59Z');
    expect(manifest?.coverage).toEqual({ numerator: 1n, scale: 0, text: '1' });
    expect(manifest?.coverageOverrides.size).toBe(0);
  });

  it('reads coverage and per-asset overrides exactly', () => {
    const { manifest } = parse({ ...valid, coverage: '0.9', coverageOverrides: { SHIB: '0.85' } });
    expect(manifest?.coverage).toEqual({ numerator: 9n, scale: 1, text: '0.9' });
    expect(manifest?.coverageOverrides.get('SHIB')).toEqual({
      numerator: 85n,
      scale: 2,
      text: '0.85',
    });
  });

  it('accepts fractional seconds and a BOM', () => {
    const { manifest, errors } = parse(
      `\uFEFF${JSON.stringify({ ...valid, snapshotAt: '2025-03-14T23:59:59.123Z' })}`,
    );
    expect(errors).toEqual([]);
    expect(manifest?.snapshotAt).toBe('2025-03-14T23:59:59.123Z');
  });

  it.each([
    ['no program', { snapshotAt: valid.snapshotAt }, 'manifest.json: program is required'],
    ['a blank program', { ...valid, program: '  ' }, 'manifest.json: program must not be empty'],
    ['a numeric program', { ...valid, program: 7 }, 'manifest.json: program 7 must be text'],
    [
      'a program with a direction override',
      { ...valid, program: 'Make\u202Ewhole' },
      'manifest.json: program character 5 is the hidden text-direction character U+202E, which would make it read differently than it is stored',
    ],
    ['no snapshot time', { program: 'P' }, 'manifest.json: snapshotAt is required'],
    [
      'a time with an offset',
      { ...valid, snapshotAt: '2025-03-14T23:59:59+01:00' },
      'manifest.json: snapshotAt "2025-03-14T23:59:59+01:00" must be an ISO-8601 UTC time ending in Z, like "2024-05-01T00:00:00Z"',
    ],
    [
      'a time without a zone',
      { ...valid, snapshotAt: '2025-03-14T23:59:59' },
      'manifest.json: snapshotAt "2025-03-14T23:59:59" must be an ISO-8601 UTC time ending in Z, like "2024-05-01T00:00:00Z"',
    ],
    [
      'a day that does not exist',
      { ...valid, snapshotAt: '2025-02-30T00:00:00Z' },
      'manifest.json: snapshotAt "2025-02-30T00:00:00Z" must be an ISO-8601 UTC time ending in Z, like "2024-05-01T00:00:00Z"',
    ],
    [
      'coverage 0',
      { ...valid, coverage: '0' },
      'manifest.json: coverage "0" must be greater than 0 and at most 1',
    ],
    [
      'coverage 1.5',
      { ...valid, coverage: '1.5' },
      'manifest.json: coverage "1.5" must be greater than 0 and at most 1',
    ],
    [
      'coverage "abc"',
      { ...valid, coverage: 'abc' },
      'manifest.json: coverage "abc" is not a plain decimal number',
    ],
    [
      'coverage as a JSON number',
      { ...valid, coverage: 0.85 },
      'manifest.json: coverage 0.85 must be a decimal string such as "0.85"',
    ],
    [
      'an override out of range',
      { ...valid, coverageOverrides: { BTC: '1.01' } },
      'manifest.json: coverageOverrides.BTC "1.01" must be greater than 0 and at most 1',
    ],
    [
      'overrides that are not an object',
      { ...valid, coverageOverrides: ['0.5'] },
      'manifest.json: coverageOverrides ["0.5"] must be an object like {"BTC": "0.85"}',
    ],
    ['a JSON array', [valid], 'manifest.json: manifest must be a JSON object'],
  ])('refuses %s', (_name, json, message) => {
    const { manifest, errors } = parse(json);
    expect(manifest).toBeUndefined();
    expect(errors).toEqual([message]);
  });

  it('refuses text that is not JSON, saying why', () => {
    const { errors } = parse('{"program": ');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^manifest\.json: invalid JSON \(.+\)$/);
  });

  it('refuses bytes that are not UTF-8', () => {
    const problems = new Problems();
    expect(parseManifest(Buffer.from([0x7b, 0xff, 0x7d]), problems)).toBeUndefined();
    expect(problems.errorMessages).toEqual(['manifest.json: invalid UTF-8 byte sequence']);
  });

  it('reports every field problem at once', () => {
    const { errors } = parse({ coverage: '2' });
    expect(errors).toEqual([
      'manifest.json: program is required',
      'manifest.json: snapshotAt is required',
      'manifest.json: coverage "2" must be greater than 0 and at most 1',
    ]);
  });

  it('ignores an unknown field with a warning', () => {
    const { manifest, warnings } = parse({ ...valid, exchange: 'X' });
    expect(manifest).toBeDefined();
    expect(warnings).toEqual(['manifest.json: unknown field "exchange" ignored']);
  });
});
