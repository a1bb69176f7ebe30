import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage: exit 2 with the command's usage line. */
export class UsageError extends Error {}

/** A refused operation or failed check: exit 1 with the message on stderr. */
export class RefusedError extends Error {}

export type Command = {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[]): Promise<void> | void;
};

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
