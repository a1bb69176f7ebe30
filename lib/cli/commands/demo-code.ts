import { getDb } from '@/db/client';
import { totpForStep, usableTotpStep } from '@/lib/auth/totp';
import { DEMO_TOTP_SECRETS } from '@/lib/demo/demo-totp';
import { parseOptions, UsageError, type Command } from '../command';

export const demoCodeCommand: Command = {
  name: 'demo:code',
  usage: 'demo:code <demo staff email>',
  summary: "a two-factor code for a demo staff login (the demo's keys are public)",
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, true);
    const email = positionals[0]?.toLowerCase() ?? '';
    const secret = DEMO_TOTP_SECRETS[email];
    if (!secret || positionals.length !== 1) {
      throw new UsageError(`expected one of: ${Object.keys(DEMO_TOTP_SECRETS).join(', ')}`);
    }
    // Each code signs in once: give one the server has not seen yet, waiting for it if need be.
    const lastStep = getDb()
      .$client.prepare('SELECT totp_last_step FROM users WHERE email = ?')
      .pluck()
      .get(email) as number | null | undefined;
    const { step, notBefore } = usableTotpStep(lastStep ?? null);
    const wait = notBefore.getTime() - Date.now();
    if (wait > 0) {
      console.error(
        `That login's current code is spent; the next one is ready in ${Math.ceil(wait / 1000)} s.`,
      );
      await new Promise((resolve) => setTimeout(resolve, wait + 250));
    }
    console.log(totpForStep(secret, step));
  },
};
