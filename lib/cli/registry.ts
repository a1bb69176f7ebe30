import type { Command } from './command';
import { backupCommand } from './commands/backup';
import { claimCommand } from './commands/claim';
import { demoCodeCommand } from './commands/demo-code';
import { generateCommand } from './commands/generate';
import { importCommand } from './commands/import';
import { jobRunCommand, proofPublishCommand } from './commands/jobs';
import { migrateCommand } from './commands/migrate';
import { onboardingCommands } from './commands/onboarding';
import { proofCommand } from './commands/proof';
import { reportCommand } from './commands/report';
import { restoreCommand } from './commands/restore';
import { userCreateCommand } from './commands/user-create';
import { verifyCommand } from './commands/verify';

export const commands: readonly Command[] = [
  importCommand,
  generateCommand,
  verifyCommand,
  reportCommand,
  claimCommand,
  proofCommand,
  proofPublishCommand,
  userCreateCommand,
  ...onboardingCommands,
  backupCommand,
  restoreCommand,
  migrateCommand,
  demoCodeCommand,
  jobRunCommand,
];
