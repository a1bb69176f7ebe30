import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { publishRoot } from '@/lib/proofs/publish-root';
import { importBundle } from '@/lib/snapshot/import-bundle';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';
import { progressBar } from '../progress';

export const importCommand: Command = {
  name: 'import',
  usage: 'import <bundle-dir>',
  summary: 'validate and import a snapshot bundle (all or nothing)',
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) throw new UsageError('expected exactly one bundle folder');
    const bar = progressBar('Importing');
    try {
      const result = await importBundle(getDb(), {
        dir,
        actor: 'cli',
        onProgress: bar.update,
        parallel: true,
      });
      bar.stop();
      if (result.status === 'already-imported') {
        console.log(`This bundle (${result.bundleHash}) was already imported: nothing to do.`);
        return;
      }
      if (result.warnings) console.error(result.warnings);
      console.log(
        `Imported ${result.accounts} accounts and ${result.lines} balance lines as ledger transaction ${result.txSeq} (bundle ${result.bundleHash}).`,
      );
      // The import stands on its own; the proof root commits to its claims right after.
      const proofBar = progressBar('Publishing proof root');
      const { root } = publishRoot(getDb().$client, { actor: 'cli', onProgress: proofBar.update });
      proofBar.stop();
      console.log(`Published the proof root ${root.rootHash} over ${root.leafCount} accounts.`);
    } catch (error) {
      bar.stop();
      if (error instanceof AppError)
        throw new RefusedError(`${error.userMessage}\nNothing was written.`);
      throw error;
    }
  },
};
