import type { Command } from './command';
import { backupCommand } from './commands/backup';
import { claimCommand } from './commands/claim';
import { generateCommand } from './commands/generate';
import { importCommand } from './commands/import';
import { migrateCommand } from './commands/migrate';
import { reportCommand } from './commands/report';
import { userCreateCommand } from './commands/user-create';
import { verifyCommand } from './commands/verify';

export const commands: readonly Command[] = [
  importCommand,
  generateCommand,
  verifyCommand,
  reportCommand,
  claimCommand,
  userCreateCommand,
  backupCommand,
  migrateCommand,
];
