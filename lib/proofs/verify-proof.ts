/**
 * Checks a downloaded proof in either format, without trusting whoever served it: every hash
 * and sum is recomputed here (in the browser: Web Crypto), and the root it leads to is compared
 * with the roots Makewhole published. Pure: no server code, no Node-only modules.
 */
import type { PublishedRootRef } from './proof-json';
import { asObject, parseProofText, ProofDefect } from './proof-input';
import {
  short,
  StepFailure,
  StepLog,
  webCryptoSha256,
  type ProofVerdict,
  type Sha256Hex,
} from './verdict';
import { checkCoinexProof, isCoinexProof } from './verify-coinex';
import { checkMakewholeProof, isMakewholeProof, type CheckedProof } from './verify-makewhole';

export type VerifyOptions = {
  /** Published roots, newest first; omitted: the root is only checked against the proof. */
  published?: readonly PublishedRootRef[];
  sha256?: Sha256Hex;
};

export async function verifyProof(
  input: string | unknown,
  options: VerifyOptions = {},
): Promise<ProofVerdict> {
  const log: StepLog = new StepLog();
  let format: ProofVerdict['format'] = null;
  try {
    const proof = readProof(input, log);
    const detected = isMakewholeProof(proof) ? 'makewhole' : isCoinexProof(proof) ? 'coinex' : null;
    if (!detected)
      log.fail(
        'Reading the proof',
        'this is neither a Makewhole proof nor a proof in the CoinEx verifier format.',
      );
    format = detected;
    const sha256 = options.sha256 ?? webCryptoSha256;
    const checked =
      detected === 'makewhole'
        ? await checkMakewholeProof(proof, log, sha256)
        : await checkCoinexProof(proof, log, sha256);
    const published = checkPublished(checked.rootHash, detected, options.published, log);
    return {
      ok: true,
      format,
      summary: summaryOf(published),
      steps: log.steps,
      accountId: checked.accountId,
      claim: checked.claim,
      rootHash: checked.rootHash,
      published,
    };
  } catch (error) {
    const failure =
      error instanceof StepFailure
        ? error
        : new StepFailure(
            'Checking the proof',
            error instanceof Error ? error.message : String(error),
          );
    if (!(error instanceof StepFailure))
      log.steps.push({ label: failure.label, ok: false, detail: failure.detail });
    return {
      ok: false,
      format,
      summary: `${failure.label} failed: ${failure.detail}`,
      steps: log.steps,
      accountId: null,
      claim: [],
      rootHash: null,
      published: 'not-checked',
    };
  }
}

function readProof(input: unknown, log: StepLog) {
  try {
    return asObject(typeof input === 'string' ? parseProofText(input) : input, 'The proof');
  } catch (error) {
    if (error instanceof ProofDefect) log.fail('Reading the proof', error.message);
    throw error;
  }
}

function checkPublished(
  rootHash: string,
  format: 'makewhole' | 'coinex',
  published: readonly PublishedRootRef[] | undefined,
  log: StepLog,
): ProofVerdict['published'] {
  if (!published) return 'not-checked';
  const label = 'Published root';
  const hashOf = (ref: PublishedRootRef) => (format === 'makewhole' ? ref.hash : ref.coinexHash);
  const index = published.findIndex((ref) => hashOf(ref) === rootHash);
  const match = published[index];
  if (!match) {
    const latest = published[0];
    log.fail(
      label,
      latest
        ? `the proof's root ${short(rootHash)} is not a root Makewhole published (the root in force is ${short(hashOf(latest) ?? '')}).`
        : 'no root has been published yet to compare with.',
    );
  }
  const when = `ledger transaction ${match.ledgerTx}, published ${match.publishedAt}`;
  if (index === 0) {
    log.pass(label, `it is the root in force (${when}).`);
    return 'latest';
  }
  log.pass(
    label,
    `it is an earlier published root (${when}); claims changed since: download a fresh proof.`,
  );
  return 'earlier';
}

function summaryOf(published: ProofVerdict['published']): string {
  switch (published) {
    case 'latest':
      return 'Proof verified: your claim is counted in the published total.';
    case 'earlier':
      return 'Proof verified against an earlier published root: your claim was counted then; download a fresh proof for the current root.';
    default:
      return 'Proof verified against its own root (not compared with a published root).';
  }
}

export type { CheckedProof, ProofVerdict };
