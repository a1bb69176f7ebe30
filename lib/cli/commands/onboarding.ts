import type { Command } from '../command';
import { inviteCommand } from './invite';
import { outboxCommand } from './outbox';

/** Claimant onboarding: invite accounts, then send the outbox. */
export const onboardingCommands: readonly Command[] = [inviteCommand, outboxCommand];
