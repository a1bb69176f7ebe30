/**
 * Collects small writes into large ones: millions of per-row stream writes (or awaits)
 * would dominate generation time.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const FLUSH_CHARS = 1 << 20;

export class BufferedWriter {
  private readonly stream: WriteStream;
  private pending = '';

  constructor(filePath: string) {
    this.stream = createWriteStream(filePath);
  }

  /** Buffers text; returns true when the caller should `await flush()` before writing more. */
  write(text: string): boolean {
    this.pending += text;
    return this.pending.length >= FLUSH_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
