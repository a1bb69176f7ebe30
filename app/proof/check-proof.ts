import type { PublishedRootRef } from '@/lib/proofs/proof-json';
import { verifyProof, type ProofVerdict } from '@/lib/proofs/verify-proof';

export type CheckResult = { verdict: ProofVerdict; decimals: Record<string, number> };

/**
 * Checks proof text in this browser against the roots published right now (fetched at check
 * time, so a proof downloaded a moment ago, for a root just published, is recognised).
 */
export async function checkProofText(text: string): Promise<CheckResult> {
  const response = await fetch('/proof/roots', { cache: 'no-store' });
  if (!response.ok) throw new Error('The published roots could not be loaded. Try again.');
  const { roots, decimals } = (await response.json()) as {
    roots: PublishedRootRef[];
    decimals: Record<string, number>;
  };
  return { verdict: await verifyProof(text, { published: roots }), decimals };
}
