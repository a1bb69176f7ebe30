/**
 * Checks a proof in the CoinEx verifier's format with that tool's rules, plus one it lacks:
 * a sibling's sum may never be negative. Exact decimals throughout (bigint), never floats.
 */
import { alignScales, formatExact, type ScaledDecimal } from '@/lib/money/decimal';
import { coinexBalancesJson } from './encoding';
import {
  amountTexts,
  asArray,
  asHash,
  asObject,
  asString,
  MAX_PATH_STEPS,
  ProofDefect,
  type Json,
} from './proof-input';
import { short, within, type Sha256Hex, type StepLog } from './verdict';
import type { CheckedProof } from './verify-makewhole';

const PLAIN_DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

type Balances = Map<string, ScaledDecimal>;

function decimalBalances(value: unknown, what: string): Balances {
  const balances: Balances = new Map();
  for (const [asset, amount] of amountTexts(value, what)) {
    const match = amount.length <= 100 ? PLAIN_DECIMAL.exec(amount) : null;
    if (!match)
      throw new ProofDefect(`${what}: the ${asset} amount "${amount}" is not a plain decimal.`);
    const fraction = match[2] ?? '';
    balances.set(asset, { value: BigInt(`${match[1]}${fraction}`), scale: fraction.length });
  }
  return balances;
}

const text = (d: ScaledDecimal) => formatExact(d.value, d.scale);

/** The tool's serialisation: trimmed decimal strings, keys in byte order, compact. */
const balancesJson = (balances: Balances) =>
  coinexBalancesJson([...balances].map(([asset, amount]) => [asset, text(amount)]));

function add(a: Balances, b: Balances): Balances {
  const sum: Balances = new Map(a);
  for (const [asset, amount] of b) {
    const existing = sum.get(asset);
    if (!existing) sum.set(asset, amount);
    else {
      const [x, y, scale] = alignScales(existing, amount);
      sum.set(asset, { value: x + y, scale });
    }
  }
  return sum;
}

function firstDifference(computed: Balances, stated: Balances): string | null {
  for (const asset of new Set([...computed.keys(), ...stated.keys()])) {
    const [x, y] = alignScales(computed.get(asset) ?? zero, stated.get(asset) ?? zero);
    if (x !== y)
      return `the path sums ${asset} to ${text(computed.get(asset) ?? zero)}, the root says ${text(stated.get(asset) ?? zero)}`;
  }
  return null;
}

const zero: ScaledDecimal = { value: 0n, scale: 0 };

export async function checkCoinexProof(
  proof: Json,
  log: StepLog,
  sha256: Sha256Hex,
): Promise<CheckedProof> {
  const leafLabel = 'Your leaf';
  const self = within(log, leafLabel, () => {
    const s = asObject(proof.self, 'The "self" entry');
    return {
      nonce: asString(s.nonce, 'The nonce'),
      balances: decimalBalances(s.balances, 'Your balances'),
    };
  });
  let hash = await sha256(self.nonce + balancesJson(self.balances));
  log.pass(
    leafLabel,
    `your nonce and amounts hash to ${short(hash)}; this format has no checkpoints: a change anywhere shows only at the root.`,
  );

  const path = within(log, 'The path', () => asArray(proof.path, 'The path', MAX_PATH_STEPS));
  let sums = self.balances;
  for (const [index, raw] of path.entries()) {
    const label = `Step ${index + 1} of ${path.length}`;
    const step = within(log, label, () => readStep(raw));
    if (step === null) {
      hash = await sha256(hash + hash + balancesJson(sums));
      log.pass(label, 'no sibling: your side rises alone.');
      continue;
    }
    sums = add(sums, step.balances);
    const json = balancesJson(sums);
    hash = await sha256(step.pos === 'left' ? step.hash + hash + json : hash + step.hash + json);
    log.pass(label, `sibling on the ${step.pos} (${step.balances.size} assets, none negative).`);
  }

  const rootLabel = 'Root';
  const root = within(log, rootLabel, () => {
    const r = asObject(proof.root, 'The root');
    return {
      hash: asHash(r.hash, 'The root hash'),
      balances: decimalBalances(r.balances, 'The root balances'),
    };
  });
  if (hash !== root.hash) {
    log.fail(
      rootLabel,
      `the recomputed root hash is ${short(hash)}, but the proof's root is ${short(root.hash)}: an amount, the nonce or a sibling was changed (this format cannot tell which).`,
    );
  }
  const difference = firstDifference(sums, root.balances);
  if (difference) log.fail(rootLabel, `the balances do not add up: ${difference}.`);
  log.pass(
    rootLabel,
    `the path leads to root ${short(root.hash)} and its balances add up exactly.`,
  );
  return {
    accountId: null,
    claim: [...self.balances].map(([asset, amount]) => ({
      asset,
      units: null,
      amount: text(amount),
    })),
    rootHash: root.hash,
  };
}

function readStep(
  raw: unknown,
): { pos: 'left' | 'right'; hash: string; balances: Balances } | null {
  const step = asObject(raw, 'This step');
  if (Object.keys(step).length === 0) return null;
  if (step.pos !== 'left' && step.pos !== 'right')
    throw new ProofDefect('the sibling position must be "left" or "right".');
  return {
    pos: step.pos,
    hash: asHash(step.hash, "The sibling's hash"),
    balances: decimalBalances(step.balances, "The sibling's balances"),
  };
}

export const isCoinexProof = (proof: Json) => 'self' in proof && 'root' in proof && 'path' in proof;
