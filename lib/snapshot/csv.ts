/**
 * Reads one bundle CSV: checks the header, maps each row to its named columns and
 * reports malformed rows as `file:line: message` without stopping at the first.
 */
import { readCsvBatches, type CsvRecord } from './csv-records';
import type { Problems } from './problems';

export interface CsvRow {
  /** Physical line the record starts on; the header is line 1. */
  readonly line: number;
  /** Known columns only, by name. */
  readonly record: Record<string, string>;
}

export interface ReadCsvOptions {
  /** Name used in messages, e.g. "balances.csv". */
  readonly file: string;
  readonly required: readonly string[];
  readonly optional?: readonly string[];
  readonly problems: Problems;
  /** Sees every byte read, in order: for hashing and progress. */
  readonly onBytes?: (chunk: Buffer) => void;
  /** Counts data rows, well-formed or not. */
  readonly stats?: { rows: number };
}

type ColumnIndex = ReadonlyArray<readonly [name: string, position: number]>;

/** One row at a time; convenient for small files and tests. */
export async function* readCsv(filePath: string, options: ReadCsvOptions): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvRows(filePath, options)) yield* rows;
}

/** Rows in batches, for the large files where a promise per row would dominate. */
export async function* readCsvRows(
  filePath: string,
  options: ReadCsvOptions,
): AsyncGenerator<CsvRow[]> {
  const { file, problems } = options;
  let header: { columns: ColumnIndex; width: number } | undefined;
  let failed = false;
  for await (const { records, failure } of readCsvBatches(filePath, options.onBytes)) {
    const first = records[0];
    if (header === undefined && first !== undefined) {
      header = { columns: readHeader(first, options) ?? [], width: first.fields.length };
      records.shift();
    }
    if (header !== undefined && header.columns.length > 0 && records.length > 0) {
      yield toRows(records, header.columns, header.width, options);
    }
    if (failure !== undefined) problems.error(file, failure.line, failure.message);
    failed ||= failure !== undefined;
    if (header !== undefined && header.columns.length === 0) break;
  }
  if (header === undefined && !failed)
    problems.error(file, 1, 'header row is missing (the file is empty)');
}

function toRows(
  records: CsvRecord[],
  columns: ColumnIndex,
  width: number,
  options: ReadCsvOptions,
): CsvRow[] {
  if (options.stats) options.stats.rows += records.length;
  const rows: CsvRow[] = [];
  for (const { line, fields } of records) {
    if (fields.length === width) rows.push({ line, record: pick(fields, columns) });
    else
      options.problems.error(
        options.file,
        line,
        `expected ${width} fields but found ${fields.length}`,
      );
  }
  return rows;
}

/** Where each known column sits, or undefined (after reporting) when rows cannot be read. */
function readHeader(
  { fields: names, line }: CsvRecord,
  options: ReadCsvOptions,
): ColumnIndex | undefined {
  const { file, problems, required, optional = [] } = options;
  const known = new Set([...required, ...optional]);
  const seen = new Set<string>();
  let usable = true;
  for (const name of names) {
    if (seen.has(name)) {
      problems.error(file, line, `duplicate column ${JSON.stringify(name)}`);
      usable = false;
    }
    seen.add(name);
    if (!known.has(name))
      problems.warn(file, line, `unknown column ${JSON.stringify(name)} ignored`);
  }
  for (const name of required) {
    if (!seen.has(name)) {
      problems.error(file, line, `missing column ${JSON.stringify(name)}`);
      usable = false;
    }
  }
  if (!usable) return undefined;
  return names.flatMap((name, position) => (known.has(name) ? [[name, position] as const] : []));
}

function pick(fields: string[], columns: ColumnIndex): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, position] of columns) record[name] = fields[position] ?? '';
  return record;
}
