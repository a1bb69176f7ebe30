/** Checks a Makewhole proof (docs/PROOFS.md) step by step; pure, hashing through Web Crypto. */
import {
  accountPreimage,
  addSums,
  leafPreimage,
  nodePreimage,
  PROOF_FORMAT,
  type Entry,
  type Sums,
} from './encoding';
import {
  asArray,
  asHash,
  asObject,
  asString,
  MAX_PATH_STEPS,
  ProofDefect,
  unitsBalances,
  type Json,
} from './proof-input';
import { short, within, type Sha256Hex, type StepLog } from './verdict';

export type CheckedProof = {
  accountId: string | null;
  claim: { asset: string; units: string | null; amount: string | null }[];
  rootHash: string;
};

const describe = (sums: Sums) => sums.map(([asset, units]) => `${asset} ${units}`).join(', ');

export async function checkMakewholeProof(
  proof: Json,
  log: StepLog,
  sha256: Sha256Hex,
): Promise<CheckedProof> {
  const leafLabel = 'Your leaf';
  const { accountId, nonce, balances, leafHash } = within(log, leafLabel, () => ({
    accountId: asString(proof.accountId, 'The account id'),
    nonce: asHash(proof.nonce, 'The nonce'),
    balances: unitsBalances(proof.balances, 'Your balances'),
    leafHash: asHash(proof.leafHash, 'The leaf hash'),
  }));
  const commitment = await sha256(accountPreimage(nonce, accountId));
  let hash = await sha256(leafPreimage(commitment, balances));
  if (hash !== leafHash) {
    log.fail(
      leafLabel,
      `your account id, nonce and amounts hash to ${short(hash)}, but the proof says ${short(leafHash)}: an amount, the nonce or the account id was changed.`,
    );
  }
  log.pass(
    leafLabel,
    `account ${accountId} with ${describe(balances)} (units) hashes to ${short(hash)}`,
  );

  const path = within(log, 'The path', () => asArray(proof.path, 'The path', MAX_PATH_STEPS));
  let sums: Entry[] = balances;
  for (const [index, raw] of path.entries()) {
    const label = `Step ${index + 1} of ${path.length}`;
    const step = within(log, label, () => {
      const s = asObject(raw, 'This step');
      if (s.side !== 'left' && s.side !== 'right')
        throw new ProofDefect('the sibling side must be "left" or "right".');
      return {
        side: s.side,
        hash: asHash(s.hash, "The sibling's hash"),
        sums: unitsBalances(s.balances, "The sibling's sums"),
        parentHash: asHash(s.parentHash, 'The parent hash'),
      };
    });
    const own = { hash, sums };
    const sibling = { hash: step.hash, sums: step.sums };
    hash = await sha256(
      step.side === 'left' ? nodePreimage(sibling, own) : nodePreimage(own, sibling),
    );
    if (hash !== step.parentHash) {
      log.fail(
        label,
        `combining your side with the sibling on the ${step.side} gives ${short(hash)}, but the proof says ${short(step.parentHash)}: the sibling's hash or sums were changed.`,
      );
    }
    sums = addSums(sums, step.sums);
    log.pass(
      label,
      `sibling on the ${step.side} (${step.sums.length} assets, none negative); parent ${short(hash)}`,
    );
  }

  const rootLabel = 'Root';
  const root = within(log, rootLabel, () => {
    const r = asObject(proof.root, 'The root');
    return {
      hash: asHash(r.hash, 'The root hash'),
      totals: unitsBalances(r.totals, 'The root totals'),
    };
  });
  if (hash !== root.hash)
    log.fail(
      rootLabel,
      `the path leads to ${short(hash)}, but the proof's root is ${short(root.hash)}`,
    );
  const difference = firstDifference(sums, root.totals);
  if (difference) log.fail(rootLabel, `the totals do not add up: ${difference}.`);
  log.pass(rootLabel, `the path leads to root ${short(root.hash)} and its totals add up exactly.`);
  return {
    accountId,
    claim: balances.map(([asset, units]) => ({ asset, units: units.toString(), amount: null })),
    rootHash: root.hash,
  };
}

export const isMakewholeProof = (proof: Json) => proof.format === PROOF_FORMAT;

function firstDifference(computed: Sums, stated: Sums): string | null {
  const statedByAsset = new Map(stated);
  for (const [asset, units] of computed) {
    const claimed = statedByAsset.get(asset);
    if (claimed !== units)
      return `the path sums ${asset} to ${units} units, the root says ${claimed ?? 'nothing'}`;
    statedByAsset.delete(asset);
  }
  const [extra] = statedByAsset;
  return extra ? `the root lists ${extra[0]} ${extra[1]} units that no node below holds` : null;
}
