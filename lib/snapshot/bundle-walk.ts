/** Where a bundle's files are, and an account of every byte read from them. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileDigest, type FileRecord } from './digest';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, parseManifest, type Manifest } from './manifest';
import type { Problems } from './problems';

export const BUNDLE_FILES = [
  MANIFEST_FILE,
  'assets.csv',
  'prices.csv',
  'accounts.csv',
  'balances.csv',
] as const;
export type BundleFileName = (typeof BUNDLE_FILES)[number];

/** What a file reader gets: where to report, and a tap that hashes and counts what it reads. */
export interface FileReading {
  readonly problems: Problems;
  readonly onBytes?: (chunk: Buffer) => void;
  readonly stats?: { rows: number };
}

/** Knows where the files are, hashes every byte read and reports progress over all of them. */
export class BundleWalk {
  readonly files: Partial<Record<BundleFileName, FileRecord>> = {};
  private readonly sizes = new Map<BundleFileName, number>();
  private totalBytes = 0;
  private bytesRead = 0;

  constructor(
    private readonly dir: string,
    readonly problems: Problems,
    private readonly onProgress?: (bytesRead: number, totalBytes: number) => void,
  ) {}

  async measure(): Promise<void> {
    for (const name of BUNDLE_FILES) {
      const size = await stat(join(this.dir, name)).then(
        (info) => (info.isFile() ? info.size : undefined),
        () => undefined,
      );
      if (size === undefined) continue;
      this.sizes.set(name, size);
      this.totalBytes += size;
    }
  }

  async manifest(): Promise<Manifest | undefined> {
    const size = this.present(MANIFEST_FILE);
    if (size === undefined) return undefined;
    if (size > MAX_MANIFEST_BYTES) {
      this.problems.error(MANIFEST_FILE, undefined, `is larger than ${MAX_MANIFEST_BYTES} bytes`);
      return undefined;
    }
    const bytes = await readFile(join(this.dir, MANIFEST_FILE));
    const digest = new FileDigest();
    this.track(digest, bytes);
    this.files[MANIFEST_FILE] = digest.finish();
    return parseManifest(bytes, this.problems);
  }

  async csv<T>(
    name: BundleFileName,
    read: (path: string, reading: FileReading) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.present(name) === undefined) return undefined;
    const digest = new FileDigest();
    const reading = {
      problems: this.problems,
      stats: digest.stats,
      onBytes: (chunk: Buffer) => this.track(digest, chunk),
    };
    const result = await read(join(this.dir, name), reading);
    this.files[name] = digest.finish();
    return result;
  }

  skip(name: BundleFileName): undefined {
    if (this.present(name) !== undefined) {
      this.problems.warn(name, undefined, 'not checked because assets.csv has no usable assets');
    }
    return undefined;
  }

  private present(name: BundleFileName): number | undefined {
    const size = this.sizes.get(name);
    if (size === undefined) this.problems.error(name, undefined, 'file is missing');
    return size;
  }

  private track(digest: FileDigest, chunk: Buffer): void {
    digest.update(chunk);
    this.bytesRead += chunk.length;
    this.onProgress?.(this.bytesRead, this.totalBytes);
  }
}
