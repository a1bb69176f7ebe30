/**
 * Test helper: what another process has written to a database's WAL file, read from outside
 * (https://sqlite.org/fileformat2.html#walformat), so a crash test can kill a writer at a point.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** A WAL file starts with a 32-byte header; its frames (a header and a page each) follow. */
export const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

export function walBytes(dbFile: string): number {
  const wal = `${dbFile}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}

/**
 * Returns a check that is true once the WAL holds a commit frame (one whose "database size
 * after commit" is set): a transaction is then durable. Reads each frame header once, and trusts
 * it only when it carries the salt of the WAL header, so a header still being written, or a page
 * read where a frame header was expected, is never taken for a commit.
 */
export function walCommitWatcher(dbFile: string): () => boolean {
  const wal = `${dbFile}-wal`;
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  const salt = Buffer.alloc(8);
  let frameBytes = 0;
  let offset = WAL_HEADER_BYTES;
  return () => {
    if (!existsSync(wal)) return false;
    const fd = openSync(wal, 'r');
    try {
      const size = fstatSync(fd).size;
      if (frameBytes === 0) {
        if (size < WAL_HEADER_BYTES) return false;
        const walHeader = Buffer.alloc(WAL_HEADER_BYTES);
        readSync(fd, walHeader, 0, WAL_HEADER_BYTES, 0);
        const pageSize = walHeader.readUInt32BE(8);
        const valid = pageSize === 1 || (pageSize >= 512 && (pageSize & (pageSize - 1)) === 0);
        if (!valid || walHeader.readUInt32BE(16) === 0) return false;
        walHeader.copy(salt, 0, 16, 24);
        frameBytes = FRAME_HEADER_BYTES + (pageSize === 1 ? 65536 : pageSize);
      }
      for (; offset + frameBytes <= size; offset += frameBytes) {
        readSync(fd, header, 0, FRAME_HEADER_BYTES, offset);
        // Not yet written (or not of this WAL): look again at the next call.
        if (!header.subarray(8, 16).equals(salt)) return false;
        if (header.readUInt32BE(4) !== 0) return true;
      }
      return false;
    } finally {
      closeSync(fd);
    }
  };
}
