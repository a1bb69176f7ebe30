/** What a proof check found, step by step, in words a claimant can act on (pure). */
import { ProofDefect } from './proof-input';

export type CheckedStep = { label: string; ok: boolean; detail: string };

export type ProofVerdict = {
  ok: boolean;
  format: 'makewhole' | 'coinex' | null;
  /** One sentence: verified, or which step failed and why. */
  summary: string;
  steps: CheckedStep[];
  accountId: string | null;
  /** The claim the proof commits to: integer units (Makewhole) or asset units (CoinEx). */
  claim: { asset: string; units: string | null; amount: string | null }[];
  rootHash: string | null;
  /** Whether the proof's root is the published root in force, an earlier one, or neither. */
  published: 'latest' | 'earlier' | 'unknown' | 'not-checked';
};

export type Sha256Hex = (text: string) => Promise<string>;

/** SHA-256 of UTF-8 text with Web Crypto (the browser's, or Node's global one). */
export const webCryptoSha256: Sha256Hex = async (text) => {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new Error(
      'This browser cannot compute SHA-256 on this page (Web Crypto needs a secure https:// page).',
    );
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};

export const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Collects steps until the first failure, which ends the check. */
export class StepLog {
  readonly steps: CheckedStep[] = [];

  pass(label: string, detail: string): void {
    this.steps.push({ label, ok: true, detail });
  }

  fail(label: string, detail: string): never {
    this.steps.push({ label, ok: false, detail });
    throw new StepFailure(label, detail);
  }
}

export class StepFailure extends Error {
  constructor(
    readonly label: string,
    readonly detail: string,
  ) {
    super(`${label} failed: ${detail}`);
  }
}

/** Runs `read`, turning a defect in the file into a failure of the step it belongs to. */
export function within<T>(log: StepLog, label: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProofDefect) log.fail(label, error.message);
    throw error;
  }
}
