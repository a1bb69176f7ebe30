#!/usr/bin/env node
// An independent verifier of Makewhole inclusion proofs, written only from docs/PROOFS.md.
// It imports nothing from Makewhole: plain Node.js and its SHA-256.
//
//   node verify-proof.mjs <proof.json> [--root <published root hash>]
//
// Exit 0 and "OK: …" when the proof holds (and leads to the given root), 1 and "FAILED: …"
// otherwise. Reads both the Makewhole format and the CoinEx verifier format.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (text) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const HEX64 = /^[0-9a-f]{64}$/;
const ASSET = /^[A-Z0-9._-]{1,32}$/;
const UNITS = /^[1-9][0-9]*$/;
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

class Failed extends Error {}
const fail = (message) => {
  throw new Failed(message);
};

function hex(value, what) {
  if (typeof value !== 'string' || !HEX64.test(value))
    fail(`${what} is not 64 lowercase hex digits`);
  return value;
}

// --- Makewhole format -------------------------------------------------------------------

function unitsMap(value, what) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`${what} is not an object`);
  const entries = Object.entries(value);
  if (entries.length === 0) fail(`${what} is empty`);
  const map = new Map();
  for (const [asset, units] of entries) {
    if (!ASSET.test(asset)) fail(`${what}: bad asset ${asset}`);
    if (typeof units !== 'string' || !UNITS.test(units))
      fail(`${what}: ${asset} amount ${JSON.stringify(units)} is not a positive integer`);
    map.set(asset, BigInt(units));
  }
  return map;
}

function line(map) {
  return [...map.keys()]
    .sort(byteOrder)
    .map((asset) => `${asset}:${map.get(asset)}`)
    .join(',');
}

function addMaps(a, b) {
  const sum = new Map(a);
  for (const [asset, units] of b) sum.set(asset, (sum.get(asset) ?? 0n) + units);
  return sum;
}

function node(left, right) {
  return sha256(
    `makewhole-proof/v1 node\n${left.hash}\n${line(left.sums)}\n${right.hash}\n${line(right.sums)}\n`,
  );
}

function verifyMakewhole(proof) {
  if (typeof proof.accountId !== 'string' || proof.accountId === '') fail('accountId missing');
  const nonce = hex(proof.nonce, 'nonce');
  const balances = unitsMap(proof.balances, 'balances');
  const commitment = sha256(`makewhole-proof/v1 account\n${nonce}\n${proof.accountId}`);
  let hash = sha256(`makewhole-proof/v1 leaf\n${commitment}\n${line(balances)}\n`);
  if (hash !== hex(proof.leafHash, 'leafHash'))
    fail('leaf: recomputed leaf hash differs from leafHash');
  let sums = balances;
  if (!Array.isArray(proof.path)) fail('path is not a list');
  proof.path.forEach((step, index) => {
    const where = `step ${index + 1}`;
    if (step.side !== 'left' && step.side !== 'right') fail(`${where}: bad side`);
    const sibling = {
      hash: hex(step.hash, `${where} hash`),
      sums: unitsMap(step.balances, `${where} balances`),
    };
    const own = { hash, sums };
    hash = step.side === 'left' ? node(sibling, own) : node(own, sibling);
    if (hash !== hex(step.parentHash, `${where} parentHash`)) fail(`${where}: parent hash differs`);
    sums = addMaps(sums, sibling.sums);
  });
  const root = proof.root ?? {};
  if (hash !== hex(root.hash, 'root.hash')) fail('root: the path does not lead to root.hash');
  const totals = unitsMap(root.totals, 'root.totals');
  if (line(totals) !== line(sums)) fail('root: totals differ from the sums along the path');
  return { rootHash: hash, who: proof.accountId };
}

// --- CoinEx verifier format ---------------------------------------------------------------

const PLAIN = /^[0-9]+(\.[0-9]+)?$/;

// A decimal as [integer digits as bigint, scale].
function decimal(text, what) {
  if (typeof text !== 'string' || !PLAIN.test(text))
    fail(`${what}: ${JSON.stringify(text)} is not a non-negative plain decimal`);
  const [whole, fraction = ''] = text.split('.');
  return [BigInt(whole + fraction), fraction.length];
}

function align([a, sa], [b, sb]) {
  const scale = Math.max(sa, sb);
  return [a * 10n ** BigInt(scale - sa), b * 10n ** BigInt(scale - sb), scale];
}

function amountText([value, scale]) {
  const digits = value.toString().padStart(scale + 1, '0');
  if (scale === 0) return digits;
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function decimalMap(value, what) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`${what} is not an object`);
  return new Map(
    Object.entries(value).map(([asset, text]) => [asset, decimal(text, `${what} ${asset}`)]),
  );
}

function json(map) {
  const keys = [...map.keys()].sort(byteOrder);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(amountText(map.get(k)))}`).join(',')}}`;
}

function addDecimals(a, b) {
  const sum = new Map(a);
  for (const [asset, amount] of b) {
    const existing = sum.get(asset);
    if (!existing) sum.set(asset, amount);
    else {
      const [x, y, scale] = align(existing, amount);
      sum.set(asset, [x + y, scale]);
    }
  }
  return sum;
}

function verifyCoinex(proof) {
  const self = proof.self ?? {};
  if (typeof self.nonce !== 'string' || self.nonce === '') fail('self.nonce missing');
  let sums = decimalMap(self.balances, 'self.balances');
  let hash = sha256(self.nonce + json(sums));
  if (!Array.isArray(proof.path)) fail('path is not a list');
  proof.path.forEach((step, index) => {
    if (Object.keys(step).length === 0) {
      hash = sha256(hash + hash + json(sums));
      return;
    }
    const where = `step ${index + 1}`;
    const sibling = hex(step.hash, `${where} hash`);
    sums = addDecimals(sums, decimalMap(step.balances, `${where} balances`));
    if (step.pos === 'left') hash = sha256(sibling + hash + json(sums));
    else if (step.pos === 'right') hash = sha256(hash + sibling + json(sums));
    else fail(`${where}: bad pos`);
  });
  const root = proof.root ?? {};
  if (hash !== hex(root.hash, 'root.hash')) fail('root: recomputed root hash differs');
  const stated = decimalMap(root.balances, 'root.balances');
  for (const asset of new Set([...sums.keys(), ...stated.keys()])) {
    const [x, y] = align(sums.get(asset) ?? [0n, 0], stated.get(asset) ?? [0n, 0]);
    if (x !== y) fail(`root: ${asset} balance differs`);
  }
  return { rootHash: hash, who: 'self' };
}

// --- command line -------------------------------------------------------------------------

function main(argv) {
  const [file, flag, expectedRoot] = argv;
  if (!file || (flag !== undefined && flag !== '--root')) {
    console.error('usage: node verify-proof.mjs <proof.json> [--root <hash>]');
    return 2;
  }
  try {
    const proof = JSON.parse(readFileSync(file, 'utf8'));
    const result =
      proof.format === 'makewhole-proof/v1' ? verifyMakewhole(proof) : verifyCoinex(proof);
    if (expectedRoot !== undefined && result.rootHash !== expectedRoot)
      fail(`the proof leads to root ${result.rootHash}, not the published ${expectedRoot}`);
    console.log(`OK: ${result.who} is included in root ${result.rootHash}`);
    return 0;
  } catch (error) {
    if (!(error instanceof Failed) && !(error instanceof SyntaxError)) throw error;
    console.log(`FAILED: ${error.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
