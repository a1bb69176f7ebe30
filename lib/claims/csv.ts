/**
 * RFC 4180 output: a field is quoted when it holds a comma, quote or line break, with quotes
 * doubled; records end in CRLF. Text that a spreadsheet would run as a formula is defused with
 * a leading apostrophe (amounts never start that way: they are plain decimals).
 */
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !SIGNED_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return csvRecord(header) + rows.map(csvRecord).join('');
}
