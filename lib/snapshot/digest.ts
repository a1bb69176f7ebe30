/** What was imported, provably: a SHA-256 per file and one over the whole bundle. */
import { createHash, type Hash } from 'node:crypto';

export interface FileRecord {
  readonly sha256: string;
  readonly bytes: number;
  /** Data rows read, well-formed or not (0 for manifest.json). */
  readonly rows: number;
}

export class FileDigest {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  readonly stats = { rows: 0 };

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  finish(): FileRecord {
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, rows: this.stats.rows };
  }
}

/**
 * SHA-256 over `name sha256\n` lines sorted by file name: the same files give the same hash
 * whatever order they were read in, and a file's content cannot move to another name unnoticed.
 */
export function computeBundleHash(
  files: Readonly<Record<string, { readonly sha256: string }>>,
): string {
  const lines = Object.keys(files)
    .sort()
    .map((name) => `${name} ${files[name]?.sha256 ?? ''}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}
