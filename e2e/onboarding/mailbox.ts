import { simpleParser, type ParsedMail } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { SmtpTestServer } from '@/lib/onboarding/smtp-test-server';
import { dataDir } from './onboarding-db';

/** The `XXXXX-XXXXX` code in an email's plain-text part. */
export function codeIn(mail: ParsedMail): string {
  const code = mail.text?.match(/\b[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}\b/)?.[0];
  if (!code) throw new Error(`no code in:\n${mail.text}`);
  return code;
}

const recipient = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((to) => to.text).join(', ');

/** The latest email the test SMTP server received for an address. */
export async function receivedBy(smtp: SmtpTestServer, address: string): Promise<ParsedMail> {
  await expect
    .poll(() => smtp.received.filter((m) => recipient(m) === address).length)
    .toBeGreaterThan(0);
  return smtp.received.filter((m) => recipient(m) === address).at(-1)!;
}

/** The latest email the server wrote to its outbox folder for an address (no SMTP_URL there). */
export async function outboxFileFor(address: string): Promise<ParsedMail> {
  const dir = join(dataDir(), 'outbox');
  const files = () => {
    try {
      return readdirSync(dir)
        .filter((name) => name.endsWith(`-${address}.eml`))
        .sort();
    } catch {
      return [];
    }
  };
  await expect.poll(() => files().length).toBeGreaterThan(0);
  return simpleParser(readFileSync(join(dir, files().at(-1)!)));
}
