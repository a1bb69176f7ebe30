import { getDb } from '@/db/client';
import { AppError } from '@/lib/errors';
import { inviteAccounts } from '@/lib/onboarding/invite-accounts';
import { parseOptions, RefusedError, UsageError, type Command } from '../command';
import { progressBar } from '../progress';

export const inviteCommand: Command = {
  name: 'invite',
  usage: 'invite (--all | --account ID) [--reissue]',
  summary:
    'queue a one-time activation code by email for every snapshot account without a login (then: outbox deliver)',
  run(argv) {
    const { values } = parseOptions(argv, {
      all: { type: 'boolean' },
      account: { type: 'string' },
      reissue: { type: 'boolean' },
    });
    if (Boolean(values.all) === Boolean(values.account)) {
      throw new UsageError('give either --all or --account ID');
    }
    const bar = progressBar('Inviting');
    try {
      const { invited, skipped } = inviteAccounts(getDb().$client, {
        accountId: values.account,
        reissue: values.reissue,
        actor: { userId: null, email: 'cli' },
        onProgress: bar.update,
      });
      bar.stop();
      console.log(
        `Queued ${invited} activation email${invited === 1 ? '' : 's'}; ${skipped} account${skipped === 1 ? '' : 's'} skipped (a login already, or a code still valid: --reissue replaces it).`,
      );
      if (invited > 0) console.log('Send them with: npm run cli -- outbox deliver');
    } catch (error) {
      bar.stop();
      if (error instanceof AppError) throw new RefusedError(error.userMessage);
      throw error;
    }
  },
};
