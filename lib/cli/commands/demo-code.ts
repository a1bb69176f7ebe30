import { currentTotp } from '@/lib/auth/totp';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';
import { parseOptions, UsageError, type Command } from '../command';

export const demoCodeCommand: Command = {
  name: 'demo:code',
  usage: 'demo:code <demo staff email>',
  summary: "the current two-factor code of a demo staff login (the demo's keys are public)",
  run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const secret = DEMO_TOTP_SECRETS[positionals[0]?.toLowerCase() ?? ''];
    if (!secret || positionals.length !== 1) {
      throw new UsageError(`expected one of: ${Object.keys(DEMO_TOTP_SECRETS).join(', ')}`);
    }
    console.log(currentTotp(secret));
  },
};
