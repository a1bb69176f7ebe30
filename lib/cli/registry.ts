import type { Command } from './command';
import { migrateCommand } from './commands/migrate';
import { userCreateCommand } from './commands/user-create';

export const commands: readonly Command[] = [migrateCommand, userCreateCommand];
