import { getDb } from '@/db/client';
import { deliverOutbox } from '@/lib/onboarding/deliver-outbox';
import { configuredTransport } from '@/lib/onboarding/mail-transport';
import { outboxSummary } from '@/lib/onboarding/outbox-summary';
import { portalUrl } from '@/lib/onboarding/portal';
import { parseOptions, UsageError, type Command } from '../command';
import { progressBar } from '../progress';

const POLL_MS = 5_000;

function positiveNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`${name} must be a positive number`);
  return value;
}

export const outboxCommand: Command = {
  name: 'outbox',
  usage: 'outbox (status | deliver [--rate PER_SECOND] [--limit N] [--account ID] [--watch])',
  summary:
    'show the email outbox, or send what is due (SMTP_URL, else .eml files in outbox/ beside the database)',
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        rate: { type: 'string' },
        limit: { type: 'string' },
        account: { type: 'string' },
        watch: { type: 'boolean' },
      },
      true,
    );
    const [action, ...extra] = positionals;
    if (extra.length > 0 || (action !== 'status' && action !== 'deliver')) {
      throw new UsageError('expected "status" or "deliver"');
    }
    const sqlite = getDb().$client;
    if (action === 'status') {
      console.log(outboxSummary(sqlite));
      return;
    }
    const ratePerSecond = positiveNumber(values.rate, '--rate');
    const limit = positiveNumber(values.limit, '--limit');
    const transport = configuredTransport(sqlite);
    console.error(`Sending through ${transport.description}`);
    let stopping = false;
    const stop = () => (stopping = true);
    process.once('SIGINT', stop);
    try {
      do {
        const bar = progressBar('Sending');
        const result = await deliverOutbox(sqlite, {
          transport,
          portalUrl: portalUrl(),
          ratePerSecond,
          limit,
          accountId: values.account,
          onProgress: bar.update,
        });
        bar.stop();
        const total = result.sent + result.retry + result.failed + result.cancelled;
        if (total > 0 || !values.watch) {
          console.log(
            `Sent ${result.sent}; will retry ${result.retry}; gave up on ${result.failed}; cancelled ${result.cancelled} (code used, replaced or expired).`,
          );
        }
        if (values.watch && !stopping) await new Promise((r) => setTimeout(r, POLL_MS));
      } while (values.watch && !stopping);
    } finally {
      process.off('SIGINT', stop);
      transport.close();
    }
  },
};
