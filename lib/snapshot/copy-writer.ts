import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Bytes gathered before one write to the COPY stream: fewer, larger writes. */
const CHUNK_CHARS = 64 * 1024;

/** A field in COPY's text format: `\N` for null; backslash, tab and line breaks escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * Streams rows into one `COPY … FROM STDIN` on a connection, within its transaction. `row`
 * returns a promise only when the server is behind: awaiting it is what bounds memory.
 */
export class CopyWriter {
  private chunk = '';
  private readonly failed: Promise<never>;

  private constructor(private readonly stream: Writable) {
    // Kept so that an error from the server rejects whoever waits next, not the process.
    this.failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
    this.failed.catch(() => undefined);
  }

  static open(client: pg.PoolClient, statement: string): CopyWriter {
    return new CopyWriter(client.query(copyFrom(statement)));
  }

  row(fields: readonly (string | number | null)[]): void | Promise<void> {
    this.chunk += fields.map(copyField).join('\t') + '\n';
    if (this.chunk.length < CHUNK_CHARS) return;
    const chunk = this.chunk;
    this.chunk = '';
    if (this.stream.write(chunk)) return;
    return Promise.race([once(this.stream, 'drain').then(() => undefined), this.failed]);
  }

  /** Ends the COPY with an error, so the connection can roll back; never throws. */
  async abort(): Promise<void> {
    if (this.stream.destroyed) return;
    this.stream.destroy(new Error('import abandoned'));
    await finished(this.stream).catch(() => undefined);
  }

  async end(): Promise<void> {
    if (this.chunk) this.stream.write(this.chunk);
    this.chunk = '';
    this.stream.end();
    await Promise.race([finished(this.stream), this.failed]);
  }
}
