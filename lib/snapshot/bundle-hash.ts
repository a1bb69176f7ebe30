import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { computeBundleHash, FileDigest } from './digest';
import { BUNDLE_FILES } from './read-bundle';

/**
 * The bundle's hash from its bytes alone, before any validation: enough to tell an already
 * imported bundle from a new one without writing anything. Null when a file is missing.
 */
export async function hashBundleFiles(dir: string): Promise<string | null> {
  const files: Record<string, { sha256: string }> = {};
  for (const name of BUNDLE_FILES) {
    const path = join(dir, name);
    if (
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      return null;
    const digest = new FileDigest();
    for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
    files[name] = digest.finish();
  }
  return computeBundleHash(files);
}
