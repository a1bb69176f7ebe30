import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { accountProof } from '@/lib/proofs/account-proof';
import { verifyPublishedRoot } from '@/lib/proofs/verify-published-root';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';

const FORMATS = ['makewhole', 'coinex'] as const;

export const proofCommand: Command = {
  name: 'proof',
  usage: 'proof <account_id> (--json | --format makewhole|coinex) [--root ID] | proof --check',
  summary:
    "an account's inclusion proof in the root in force or an earlier one (docs/PROOFS.md); --check recomputes the published root (proof:publish publishes one)",
  run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        json: { type: 'boolean' },
        format: { type: 'string' },
        root: { type: 'string' },
        check: { type: 'boolean' },
      },
      true,
    );
    const sqlite = getDb().$client;
    try {
      if (values.check) {
        if (positionals.length > 0 || values.json || values.format || values.root)
          throw new UsageError('--check takes nothing else');
        return check(sqlite);
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

function check(sqlite: ReturnType<typeof getDb>['$client']): void {
  const result = verifyPublishedRoot(sqlite);
  if (!result.ok) throw new RefusedError(`Proof root check FAILED: ${result.message}`);
  console.log(result.message);
}
