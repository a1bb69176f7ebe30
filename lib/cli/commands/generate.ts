import { generateBundle, MAX_GENERATED_ACCOUNTS } from '@/lib/snapshot/generate';
import { parseOptions, UsageError, type Command } from '../command';

export const generateCommand: Command = {
  name: 'generate',
  usage: 'generate --accounts N --seed S --out DIR',
  summary: 'write a synthetic, deterministic bundle (737 assets on 211 chains)',
  async run(argv) {
    const { values } = parseOptions(argv, {
      accounts: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    });
    const accounts = Number.parseInt(values.accounts ?? '', 10);
    if (!/^[1-9][0-9]*$/.test(values.accounts ?? '') || accounts > MAX_GENERATED_ACCOUNTS) {
      throw new UsageError(`--accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}`);
    }
    if (!values.seed) throw new UsageError('--seed is required');
    if (!values.out) throw new UsageError('--out is required');
    const bundle = await generateBundle({ accounts, seed: values.seed, outDir: values.out });
    console.log(
      `Wrote ${bundle.accounts} accounts, ${bundle.balanceLines} balance lines, ${bundle.assets} assets on ${bundle.chains} chains to ${bundle.outDir}`,
    );
  },
};
