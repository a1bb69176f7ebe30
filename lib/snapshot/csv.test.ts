import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvRows, type CsvRow } from './csv';
import { Problems } from './problems';

let dir = '';
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'makewhole-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readText(
  content: string | Buffer,
  columns = { required: ['a', 'b'], optional: ['c'] },
) {
  count += 1;
  const path = join(dir, `${count}.csv`);
  await writeFile(path, content);
  const problems = new Problems();
  const stats = { rows: 0 };
  const rows: CsvRow[] = [];
  for await (const row of readCsv(path, { file: 'test.csv', ...columns, problems, stats }))
    rows.push(row);
  return { rows, problems, stats, path };
}

const lineAndRecord = (rows: CsvRow[]) => rows.map((row) => [row.line, row.record]);

describe('readCsv', () => {
  it('maps each row to its named columns with its line number', async () => {
    const { rows, problems, stats } = await readText('a,b\n1,2\n3,4\n');
    expect(lineAndRecord(rows)).toEqual([
      [2, { a: '1', b: '2' }],
      [3, { a: '3', b: '4' }],
    ]);
    expect(problems.errorCount).toBe(0);
    expect(stats.rows).toBe(2);
  });

  it('accepts any column order and an optional column', async () => {
    const { rows } = await readText('c,b,a\nx,2,1\n');
    expect(rows[0]?.record).toEqual({ a: '1', b: '2', c: 'x' });
  });

  it('tolerates a UTF-8 BOM and CRLF line ends', async () => {
    const { rows, problems } = await readText('\uFEFFa,b\r\n1,2\r\n3,4');
    expect(problems.errorMessages).toEqual([]);
    expect(lineAndRecord(rows)).toEqual([
      [2, { a: '1', b: '2' }],
      [3, { a: '3', b: '4' }],
    ]);
  });

  it('reads RFC 4180 quoted fields with commas, doubled quotes and line breaks', async () => {
    const { rows } = await readText('a,b\n"x, y","say ""hi"""\n"multi\nline",z\n');
    expect(rows.map((row) => row.record)).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: 'multi\nline', b: 'z' },
    ]);
  });

  it('numbers lines physically, past quoted line breaks and blank lines', async () => {
    const lf = await readText('a,b\n"one\ntwo\nthree",1\n\n4,5\n"x\r\ny",6\n7,8\n');
    expect(lf.rows.map((row) => row.line)).toEqual([2, 6, 7, 9]);
    const crlf = await readText('a,b\r\n"one\r\ntwo",1\r\n\r\n4,5\r\n');
    expect(crlf.rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('reports an error after a multi-line field at its physical line', async () => {
    const { problems } = await readText('a,b\n"one\ntwo",1\n3,4,5\n');
    expect(problems.errorMessages).toEqual(['test.csv:4: expected 2 fields but found 3']);
  });

  it('reports each missing column once and reads no rows', async () => {
    const { rows, problems } = await readText('a,c\n1,2\n3,4\n');
    expect(rows).toEqual([]);
    expect(problems.errorMessages).toEqual(['test.csv:1: missing column "b"']);
  });

  it('warns about an unknown column and leaves it out', async () => {
    const { rows, problems } = await readText('a,b,note\n1,2,hello\n');
    expect(rows[0]?.record).toEqual({ a: '1', b: '2' });
    expect(problems.errorCount).toBe(0);
    expect(problems.warningMessages).toEqual(['test.csv:1: unknown column "note" ignored']);
  });

  it('refuses a header that names a column twice', async () => {
    const { problems } = await readText('a,b,a\n1,2,3\n');
    expect(problems.errorMessages).toEqual(['test.csv:1: duplicate column "a"']);
  });

  it('reports a row with the wrong number of fields and goes on', async () => {
    const { rows, problems, stats } = await readText('a,b\n1\n2,3\n4,5,6\n7,8\n');
    expect(rows.map((row) => row.line)).toEqual([3, 5]);
    expect(problems.errorMessages).toEqual([
      'test.csv:2: expected 2 fields but found 1',
      'test.csv:4: expected 2 fields but found 3',
    ]);
    expect(stats.rows).toBe(4);
  });

  it('reports an unterminated quote at the line where the field opens', async () => {
    const { rows, problems } = await readText('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(rows.map((row) => row.line)).toEqual([2]);
    expect(problems.errorMessages).toEqual(['test.csv:3: quoted field is never closed']);
  });

  it('gives up on a quote left open for a megabyte instead of buffering the whole file', async () => {
    const filler = '1,2\n'.repeat(300_000);
    const { problems } = await readText(`a,b\n1,2\n3,"open\n${filler}`);
    expect(problems.errorMessages).toEqual([
      'test.csv:3: row is longer than 1000000 characters (is a quote left open?)',
    ]);
  });

  it('reports a stray quote inside an unquoted field', async () => {
    const { problems } = await readText('a,b\n1,2\nab"c,3\n');
    expect(problems.errorMessages).toEqual([
      'test.csv:3: quote inside an unquoted field (quote the whole field and double inner quotes)',
    ]);
  });

  it('reports invalid UTF-8 at its line and keeps the rows before it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,2\n3,'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n5,6\n'),
    ]);
    const { rows, problems } = await readText(bytes);
    expect(rows.map((row) => row.line)).toEqual([2]);
    expect(problems.errorMessages).toEqual(['test.csv:3: invalid UTF-8 byte sequence']);
  });

  it('reports a character cut off by the end of the file', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe2, 0x82])]);
    const { problems } = await readText(bytes);
    expect(problems.errorMessages).toEqual(['test.csv:2: invalid UTF-8 byte sequence']);
  });

  it('keeps multi-byte text intact', async () => {
    const { rows, problems } = await readText('a,b\nZoë,東京 🚀\n');
    expect(problems.errorCount).toBe(0);
    expect(rows[0]?.record).toEqual({ a: 'Zoë', b: '東京 🚀' });
  });

  it('reports an empty file as a missing header', async () => {
    const { problems } = await readText('');
    expect(problems.errorMessages).toEqual([
      'test.csv:1: header row is missing (the file is empty)',
    ]);
  });

  it('reports a missing file without a line', async () => {
    const problems = new Problems();
    const rows: CsvRow[] = [];
    for await (const row of readCsv(join(dir, 'nope.csv'), {
      file: 'nope.csv',
      required: ['a'],
      problems,
    }))
      rows.push(row);
    expect(rows).toEqual([]);
    expect(problems.errorMessages).toEqual(['nope.csv: file is missing']);
  });

  it('streams a large file in batches with every byte seen once', async () => {
    const lines = Array.from(
      { length: 60_000 },
      (_, index) => `id-${index},${'x'.repeat(index % 40)}\n`,
    );
    const content = `a,b\n${lines.join('')}`;
    const path = join(dir, 'large.csv');
    await writeFile(path, content);
    let bytes = 0;
    let batches = 0;
    let last: CsvRow | undefined;
    const problems = new Problems();
    for await (const rows of readCsvRows(path, {
      file: 'large.csv',
      required: ['a', 'b'],
      problems,
      onBytes: (chunk) => void (bytes += chunk.length),
    })) {
      batches += 1;
      last = rows.at(-1) ?? last;
    }
    expect(bytes).toBe(Buffer.byteLength(content));
    expect(batches).toBeGreaterThan(1);
    expect(last?.line).toBe(60_001);
    expect(last?.record.a).toBe('id-59999');
  });
});
