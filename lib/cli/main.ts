import { EngineNotSupportedError } from '@/lib/env';
import { RefusedError, UsageError, type Command } from './command';
import { commands } from './registry';

function printHelp(list: readonly Command[]): void {
  console.error('Usage: npm run cli -- <command> [options]\n');
  for (const command of list) console.error(`  ${command.usage}\n      ${command.summary}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (name && name !== '--help' && name !== 'help') console.error(`Unknown command: ${name}\n`);
    printHelp(commands);
    return name === '--help' || name === 'help' ? 0 : 2;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof RefusedError || error instanceof EngineNotSupportedError) {
      console.error(error.message);
      return 1;
    }
    console.error(error);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
