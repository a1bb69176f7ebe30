import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRoot } from './publish-root';
import { accountProof, type AccountProof } from './account-proof';
import { importGenerated, removeFixtureBundles } from './proof-fixture';

const SCRIPT = join(process.cwd(), 'lib/proofs/independent-verifier/verify-proof.mjs');
const dir = mkdtempSync(join(tmpdir(), 'mw-proof-files-'));

afterAll(() => {
  removeFixtureBundles();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the independent verifier as its own process, as a claimant would. */
function independentlyVerify(proof: unknown, root?: string) {
  const file = join(dir, `proof-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(proof, null, 2));
  const run = spawnSync(process.execPath, [SCRIPT, file, ...(root ? ['--root', root] : [])], {
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

let proofs: AccountProof[];

beforeAll(async () => {
  const sqlite = await importGenerated(45, 'independent');
  publishRoot(sqlite, { actor: 'test', blockLevel: 2 });
  proofs = ['acct-0000001', 'acct-0000045'].map((id) => accountProof(sqlite, id));
});

describe('an independent verifier written only from docs/PROOFS.md', () => {
  it('imports nothing from Makewhole', () => {
    const imports = [...readFileSync(SCRIPT, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)];
    expect(imports.map((m) => m[1])).toEqual(['node:crypto', 'node:fs']);
  });

  it('accepts the production proofs in both formats and agrees on the published roots', () => {
    for (const proof of proofs) {
      const own = independentlyVerify(proof.makewhole, proof.root.rootHash);
      expect(own, own.output).toMatchObject({ code: 0 });
      expect(own.output).toBe(
        `OK: ${proof.makewhole.accountId} is included in root ${proof.root.rootHash}`,
      );
      const coinex = independentlyVerify(proof.coinex, proof.root.coinexRootHash ?? undefined);
      expect(coinex, coinex.output).toMatchObject({ code: 0 });
    }
  });

  it('refuses a tampered proof and a proof of another root', () => {
    const [proof] = proofs as [AccountProof];
    const tampered = structuredClone(proof.makewhole);
    const asset = Object.keys(tampered.balances)[0] as string;
    tampered.balances[asset] = `${BigInt(tampered.balances[asset]!) + 1n}`;
    expect(independentlyVerify(tampered)).toMatchObject({ code: 1 });
    expect(independentlyVerify(proof.makewhole, '0'.repeat(64))).toMatchObject({ code: 1 });
    const coinex = structuredClone(proof.coinex);
    // Another first character, whatever the nonce starts with: the tamper is never a no-op.
    const first = coinex.self.nonce[0] === '0' ? '1' : '0';
    coinex.self.nonce = `${first}${coinex.self.nonce.slice(1)}`;
    expect(independentlyVerify(coinex)).toMatchObject({ code: 1 });
  });
});
