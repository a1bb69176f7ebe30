/**
 * Checks that a byte stream is UTF-8 while it passes through, and names the line of the first bad byte.
 * Decoding alone would silently turn bad bytes into U+FFFD and store corrupted names.
 */
import { isUtf8 } from 'node:buffer';

const NEWLINE = 0x0a;

export class Utf8Guard {
  /** Physical line (1-based) of the first invalid byte, once found. */
  badLine: number | undefined;
  private carry: Buffer = Buffer.alloc(0);
  private newlinesPassed = 0;

  /** Returns the bytes safe to parse: all of them, or the complete lines before the bad one. */
  check(chunk: Buffer): Buffer {
    const data = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const tail = incompleteTailLength(data);
    const body = data.subarray(0, data.length - tail);
    this.carry = Buffer.from(data.subarray(data.length - tail));
    if (isUtf8(body)) {
      this.newlinesPassed += countNewlines(body);
      return body;
    }
    return this.stopAtBadLine(body);
  }

  /** Flags a multi-byte character cut off by the end of the file. */
  finish(): void {
    if (this.carry.length > 0 && this.badLine === undefined) this.badLine = this.newlinesPassed + 1;
  }

  private stopAtBadLine(body: Buffer): Buffer {
    // A newline byte never occurs inside a multi-byte character, so each line validates alone.
    let start = 0;
    for (;;) {
      const newline = body.indexOf(NEWLINE, start);
      const end = newline === -1 ? body.length : newline;
      if (!isUtf8(body.subarray(start, end)) || newline === -1) break;
      this.newlinesPassed += 1;
      start = end + 1;
    }
    this.badLine = this.newlinesPassed + 1;
    return body.subarray(0, start);
  }
}

/** Length of a multi-byte character begun at the end of data but not finished there. */
function incompleteTailLength(data: Buffer): number {
  const lowest = Math.max(0, data.length - 3);
  for (let index = data.length - 1; index >= lowest; index -= 1) {
    const byte = data[index] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return index + needed > data.length ? data.length - index : 0;
    }
  }
  return 0;
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (
    let index = bytes.indexOf(NEWLINE);
    index !== -1;
    index = bytes.indexOf(NEWLINE, index + 1)
  ) {
    count += 1;
  }
  return count;
}
