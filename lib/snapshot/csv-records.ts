/**
 * Streams a CSV file into batches of records that carry the physical line they start on.
 * csv-parse does the RFC 4180 work; this layer adds UTF-8 checking, line numbers and backpressure.
 * Batches, not single records, cross the async boundary: a promise per row would cost more
 * than parsing it.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse, type Parser } from 'csv-parse';
import { Utf8Guard } from './utf8-guard';

export interface CsvRecord {
  /** Physical line the record starts on (1-based). */
  readonly line: number;
  readonly fields: string[];
}

export interface CsvFailure {
  /** Undefined when the file as a whole failed (missing, unreadable). */
  readonly line: number | undefined;
  readonly message: string;
}

export interface CsvBatch {
  readonly records: CsvRecord[];
  /** Set on the last batch only, when the file could not be read to its end. */
  readonly failure?: CsvFailure;
}

/** A row this long is a quote left open, not data; the bound keeps memory flat. */
export const MAX_RECORD_CHARS = 1_000_000;
const READ_CHUNK_BYTES = 256 * 1024;

export async function* readCsvBatches(
  filePath: string,
  onBytes?: (chunk: Buffer) => void,
): AsyncGenerator<CsvBatch> {
  const guard = new Utf8Guard();
  const parser = createParser();
  const lines = new LineCounter();
  let finished = false;
  let failure: Error | undefined;
  let wake = () => {};
  pipeline(checkedChunks(filePath, guard, onBytes), parser, (error) => {
    finished = true;
    failure = error ?? undefined;
    wake();
  });
  parser.on('readable', () => wake());
  try {
    for (;;) {
      const records = readBuffered(parser, lines);
      if (records.length > 0) yield { records };
      else if (finished) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    parser.destroy();
  }
  const last = describeFailure(guard, failure, lines.next);
  if (last !== undefined) yield { records: [], failure: last };
}

/** read() still returns records buffered before a failure, unlike for-await on the stream. */
function readBuffered(parser: Parser, lines: LineCounter): CsvRecord[] {
  const records: CsvRecord[] = [];
  for (
    let fields = parser.read() as string[] | null;
    fields !== null;
    fields = parser.read() as string[] | null
  ) {
    const line = lines.advance(fields);
    if (!isBlankLine(fields)) records.push({ line, fields });
  }
  return records;
}

async function* checkedChunks(
  filePath: string,
  guard: Utf8Guard,
  onBytes?: (chunk: Buffer) => void,
) {
  for await (const chunk of createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES })) {
    onBytes?.(chunk as Buffer);
    const safe = guard.check(chunk as Buffer);
    if (safe.length > 0) yield safe;
    if (guard.badLine !== undefined) return;
  }
  guard.finish();
}

function createParser(): Parser {
  return parse({
    bom: true,
    // Blank lines come through as [""] so that line numbers can count them.
    skip_empty_lines: false,
    // Field counts are checked per row by the caller, so one bad row does not end the file.
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
}

/** A blank line, or one holding only `""`: no data either way, so it is skipped. */
function isBlankLine(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * Every record ends with one line break, plus any breaks inside its quoted fields
 * (CRLF, LF or a lone CR each count once).
 */
class LineCounter {
  next = 1;

  advance(fields: string[]): number {
    const line = this.next;
    this.next += 1;
    for (const field of fields) {
      if (field.indexOf('\n') !== -1 || field.indexOf('\r') !== -1) this.next += countBreaks(field);
    }
    return line;
  }
}

function countBreaks(text: string): number {
  let breaks = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    breaks += 1;
  for (let index = text.indexOf('\r'); index !== -1; index = text.indexOf('\r', index + 1)) {
    if (text.charCodeAt(index + 1) !== 0x0a) breaks += 1;
  }
  return breaks;
}

function describeFailure(
  guard: Utf8Guard,
  failure: Error | undefined,
  nextLine: number,
): CsvFailure | undefined {
  // A bad byte truncates the input, so a parse error after it is a symptom, not a cause.
  if (guard.badLine !== undefined)
    return { line: guard.badLine, message: 'invalid UTF-8 byte sequence' };
  if (failure === undefined) return undefined;
  if (failure instanceof CsvError) return { line: nextLine, message: describeParseError(failure) };
  return { line: undefined, message: readFailure(failure) };
}

const PARSE_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected character after a closing quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'unexpected character after a closing quote',
  INVALID_OPENING_QUOTE:
    'quote inside an unquoted field (quote the whole field and double inner quotes)',
  CSV_MAX_RECORD_SIZE: `row is longer than ${MAX_RECORD_CHARS} characters (is a quote left open?)`,
};

function describeParseError(error: CsvError): string {
  return PARSE_MESSAGES[error.code] ?? `cannot parse CSV: ${error.message}`;
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file is missing';
  return `cannot be read (${code ?? (error as Error).message})`;
}
