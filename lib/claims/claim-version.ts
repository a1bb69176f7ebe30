import { createHash } from 'node:crypto';

/**
 * A claim's version: the hash of its current lines. An acknowledgment records the version it
 * saw, so any later change to an amount makes the claim need a new acknowledgment.
 */
export function claimVersion(
  accountId: string,
  lines: readonly { asset: string; claimUnits: bigint }[],
): string {
  const hash = createHash('sha256').update(`makewhole-claim-v1\n${accountId}\n`, 'utf8');
  for (const line of [...lines].sort((a, b) =>
    a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0,
  )) {
    hash.update(`${line.asset}:${line.claimUnits}\n`, 'utf8');
  }
  return hash.digest('hex');
}

/** The short reference shown to a claimant: readable aloud, enough to tell versions apart. */
export function claimReference(version: string): string {
  const head = version.slice(0, 12).toUpperCase();
  return `MW-${head.slice(0, 4)}-${head.slice(4, 8)}-${head.slice(8, 12)}`;
}
