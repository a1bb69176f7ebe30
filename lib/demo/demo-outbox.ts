import { relative } from 'node:path';
import type { Db } from '@/db/client';
import { deliverOutbox } from '@/lib/onboarding/deliver-outbox';
import { inviteAccounts } from '@/lib/onboarding/invite-accounts';
import { configuredTransport } from '@/lib/onboarding/mail-transport';
import { portalUrl } from '@/lib/onboarding/portal';

/** Snapshot accounts of the demo that start without a login, each with an activation email. */
export const DEMO_INVITED_ACCOUNTS = ['acct-0000010', 'acct-0000011', 'acct-0000012'] as const;

/**
 * Invites a few demo accounts and sends their emails (to `outbox/` beside the database unless
 * SMTP_URL is set), so that a newcomer can activate a claim as a claimant would. Accounts already
 * invited or activated are left alone.
 */
export async function seedDemoOutbox(db: Db): Promise<void> {
  const sqlite = db.$client;
  for (const accountId of DEMO_INVITED_ACCOUNTS) {
    inviteAccounts(sqlite, { accountId, actor: { userId: null, email: 'demo' } });
  }
  const transport = configuredTransport(sqlite);
  try {
    await deliverOutbox(sqlite, { transport, portalUrl: portalUrl(), ratePerSecond: 100 });
  } finally {
    transport.close();
  }
  const sent = sqlite
    .prepare(
      `SELECT m.to_address AS address, m.transport_id AS file FROM outbox_messages m
       JOIN activation_codes c ON c.id = m.code_id
       WHERE m.status = 'sent' AND c.used_at IS NULL AND c.revoked_at IS NULL
       ORDER BY m.id`,
    )
    .all() as { address: string; file: string }[];
  if (sent.length === 0) return;
  console.log(`Demo activation emails (${transport.description}):`);
  for (const { address, file } of sent) {
    console.log(
      `  ${address.padEnd(26)} ${file.startsWith('/') ? relative(process.cwd(), file) : file}`,
    );
  }
}
