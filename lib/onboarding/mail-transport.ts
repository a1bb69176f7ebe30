import type Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';

export type OutgoingMail = {
  messageId: number;
  to: string;
  subject: string;
  text: string;
  html: string;
};

export type MailTransport = {
  /** Where mail goes, for messages to the operator (never the SMTP password). */
  description: string;
  /** Sends one email; returns what identifies it at the other end (message id or file). */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
};

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  const parsed = new URL(url);
  return {
    description: `SMTP server ${parsed.hostname}:${parsed.port || 'default port'}`,
    async send(mail) {
      const info = await transporter.sendMail({ from, ...mailFields(mail) });
      return String(info.messageId);
    },
    close: () => transporter.close(),
  };
}

/** Without an SMTP server (the demo), each email is written as an .eml file to read by hand. */
export function folderTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    description: `folder ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail({ from, ...mailFields(mail) });
      mkdirSync(dir, { recursive: true });
      const safeTo = mail.to.replace(/[^A-Za-z0-9@._+-]/g, '_');
      const file = join(dir, `${String(mail.messageId).padStart(7, '0')}-${safeTo}.eml`);
      writeFileSync(file, info.message as Buffer);
      return file;
    },
    close: () => transporter.close(),
  };
}

function mailFields(mail: OutgoingMail) {
  return {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'X-Makewhole-Outbox-Id': String(mail.messageId) },
  };
}

/** SMTP when SMTP_URL is set, else the `outbox/` folder beside the database. */
export function configuredTransport(sqlite: Database.Database): MailTransport {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) return smtpTransport(SMTP_URL, MAIL_FROM);
  return folderTransport(join(dirname(sqlite.name), 'outbox'), MAIL_FROM);
}
