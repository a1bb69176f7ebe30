import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { accountProof } from '@/lib/proofs/account-proof';
import { publishRoot } from '@/lib/proofs/publish-root';
import { verifyPublishedRoot } from '@/lib/proofs/verify-published-root';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';
import { progressBar } from '../progress';

const FORMATS = ['makewhole', 'coinex'] as const;

export const proofCommand: Command = {
  name: 'proof',
  usage:
    'proof <account_id> (--json | --format makewhole|coinex) [--root ID] | proof --publish | proof --check',
  summary:
    "an account's inclusion proof in the root in force or an earlier one (docs/PROOFS.md); --publish records the root of the current claims, --check recomputes the published root",
  run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        json: { type: 'boolean' },
        format: { type: 'string' },
        root: { type: 'string' },
        publish: { type: 'boolean' },
        check: { type: 'boolean' },
      },
      true,
    );
    const sqlite = getDb().$client;
    try {
      if (values.publish || values.check) {
        if (
          positionals.length > 0 ||
          values.json ||
          values.format ||
          values.root ||
          (values.publish && values.check)
        )
          throw new UsageError('--publish and --check take nothing else');
        return values.publish ? publish(sqlite) : check(sqlite);
      }
      const [accountId, ...extra] = positionals;
      const format = values.format ?? (values.json ? 'makewhole' : undefined);
      if (!accountId || extra.length > 0 || !format)
        throw new UsageError('expected an account id and --json or --format');
      if (!FORMATS.includes(format as (typeof FORMATS)[number]))
        throw new UsageError(`--format must be one of: ${FORMATS.join(', ')}`);
      const rootId = values.root === undefined ? undefined : Number(values.root);
      if (rootId !== undefined && !(Number.isSafeInteger(rootId) && rootId > 0))
        throw new UsageError('--root takes the id of a published root (see /proof)');
      const proof = accountProof(sqlite, accountId, { rootId });
      console.log(JSON.stringify(format === 'coinex' ? proof.coinex : proof.makewhole, null, 2));
    } catch (error) {
      if (error instanceof AppError) throw new RefusedError(error.userMessage);
      throw error;
    }
  },
};

function publish(sqlite: ReturnType<typeof getDb>['$client']): void {
  const bar = progressBar('Building the tree');
  const { root, appended } = withBar(bar, () =>
    publishRoot(sqlite, { actor: 'cli', onProgress: bar.update }),
  );
  console.log(
    `${appended ? 'Published' : 'Already published (nothing appended)'}: root ${root.rootHash} over ${root.leafCount} accounts, ledger transaction ${root.txSeq}, claim-set version ${root.claimSetVersion}.`,
  );
}

function check(sqlite: ReturnType<typeof getDb>['$client']): void {
  const result = verifyPublishedRoot(sqlite);
  if (!result.ok) throw new RefusedError(`Proof root check FAILED: ${result.message}`);
  console.log(result.message);
}

function withBar<T>(bar: ReturnType<typeof progressBar>, work: () => T): T {
  try {
    return work();
  } finally {
    bar.stop();
  }
}
