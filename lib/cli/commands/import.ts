import { getDb, type Db } from '@/db/client';
import { openPostgres } from '@/db/postgres';
import { databaseTarget } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { publishRoot } from '@/lib/proofs/publish-root';
import { importBundle, type ImportOptions, type ImportPhase } from '@/lib/snapshot/import-bundle';
import { importBundleToPostgres } from '@/lib/snapshot/import-postgres';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';
import { formatPhases, phaseTimer, progressBar } from '../progress';

export type ImportCommandPhase = ImportPhase | 'proof root';

type ImportAndPublishOptions = Omit<ImportOptions, 'onPhase'> & {
  onPhase?: (phase: ImportCommandPhase) => void;
  onProofProgress?: (done: number, total: number) => void;
};

/**
 * What `import` does, for the command and the benchmark alike: the import, then, as its own
 * transaction, the proof root over the claims it created.
 */
export async function importAndPublish(db: Db, options: ImportAndPublishOptions) {
  const result = await importBundle(db, options);
  if (result.status !== 'imported') return { result, root: null };
  options.onPhase?.('proof root');
  const { root } = publishRoot(db.$client, {
    actor: options.actor,
    onProgress: options.onProofProgress,
  });
  return { result, root };
}

async function importIntoPostgres(url: string, options: ImportAndPublishOptions) {
  const db = await openPostgres(url, { max: 1 });
  try {
    return { result: await importBundleToPostgres(db, options), root: null };
  } finally {
    await db.$client.end();
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import <bundle-dir>',
  summary: 'validate and import a snapshot bundle (all or nothing)',
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) throw new UsageError('expected exactly one bundle folder');
    const bar = progressBar('Importing');
    const proofBar = progressBar('Publishing proof root');
    const phases = phaseTimer<ImportCommandPhase>();
    try {
      const options = {
        dir,
        actor: 'cli',
        onProgress: bar.update,
        onProofProgress: proofBar.update,
        onPhase: (phase: ImportCommandPhase) => {
          if (phase !== 'validate and write') bar.stop();
          phases.start(phase);
        },
        parallel: true,
      };
      const target = databaseTarget();
      const { result, root } =
        target.engine === 'postgres'
          ? await importIntoPostgres(target.url, options)
          : await importAndPublish(getDb(), options);
      bar.stop();
      proofBar.stop();
      const took = phases.finish();
      if (result.status === 'already-imported') {
        console.log(`This bundle (${result.bundleHash}) was already imported: nothing to do.`);
        return;
      }
      if (result.warnings) console.error(result.warnings);
      console.log(
        `Imported ${result.accounts} accounts and ${result.lines} balance lines as ledger transaction ${result.txSeq} (bundle ${result.bundleHash}).`,
      );
      if (root)
        console.log(`Published the proof root ${root.rootHash} over ${root.leafCount} accounts.`);
      else if (target.engine === 'postgres')
        console.log('No proof root was published: on PostgreSQL this version imports only.');
      console.error(`Took ${formatPhases(took)}.`);
    } catch (error) {
      bar.stop();
      proofBar.stop();
      if (error instanceof AppError)
        throw new RefusedError(`${error.userMessage}\nNothing was written.`);
      throw error;
    }
  },
};
