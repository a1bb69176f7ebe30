import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCode } from './code-format';
import { setPhrase } from './anti-phishing';
import { deliverMessage, deliverOutbox, MAX_ATTEMPTS } from './deliver-outbox';
import { inviteAccounts } from './invite-accounts';
import { folderTransport, smtpTransport, type MailTransport } from './mail-transport';
import { CLI_ACTOR, currentCode, freshThrottles, onboardingDb } from './onboarding-fixture';
import { redeemCode } from './redeem-code';
import { requestCode } from './request-code';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server';

const PORTAL = 'https://claims.example-exchange.test';
const FROM = 'Makewhole <no-reply@makewhole.test>';
const noSleep = async () => {};

let smtp: SmtpTestServer;
let transport: MailTransport;

beforeEach(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url, FROM);
});

afterEach(async () => {
  transport.close();
  await smtp.close();
});

const status = (sqlite: import('better-sqlite3').Database, to: string) =>
  sqlite
    .prepare(
      'SELECT status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM outbox_messages WHERE to_address = ? ORDER BY id DESC',
    )
    .get(to);

describe('sending the outbox', () => {
  it('delivers each invite over SMTP with its code in a plain-text and an HTML part, and no link', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    inviteAccounts(sqlite, { actor: CLI_ACTOR });
    const result = await deliverOutbox(sqlite, { transport, portalUrl: PORTAL, sleep: noSleep });
    expect(result).toEqual({ sent: 4, retry: 0, failed: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(4);

    const mail = smtp.received.find(
      (m) => m.to && 'text' in m.to && m.to.text === 'a@example.test',
    )!;
    const code = formatCode(currentCode(sqlite, 'a@example.test'));
    expect(mail.subject).toBe('Your Makewhole activation code');
    expect(mail.text).toContain(code);
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain(`${PORTAL}/activate`);
    expect(mail.text).toMatch(/type this address yourself/);
    for (const never of ['password', 'seed phrase', 'connect your wallet', 'fee']) {
      expect(mail.text).toContain(never);
    }
    expect(mail.html).toContain(code);
    expect(mail.html).not.toMatch(/<a[\s>]|href=/i);
    expect(mail.html).toContain('seed phrase');

    const sent = sqlite
      .prepare(
        "SELECT count(*) FROM outbox_messages WHERE status = 'sent' AND transport_id IS NOT NULL",
      )
      .pluck()
      .get();
    expect(sent).toBe(4);
    const audits = sqlite
      .prepare("SELECT count(*) FROM audit_events WHERE action = 'onboarding.delivered'")
      .pluck()
      .get();
    expect(audits).toBe(4);
    expect(await deliverOutbox(sqlite, { transport, portalUrl: PORTAL, sleep: noSleep })).toEqual({
      sent: 0,
      retry: 0,
      failed: 0,
      cancelled: 0,
    });
  });

  it('retries a temporary refusal later, with a growing delay, and gives up in the end', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    let clock = new Date('2030-01-01T00:00:00Z').getTime();
    const now = () => new Date(clock);
    inviteAccounts(sqlite, { actor: CLI_ACTOR, accountId: 'acct-a', now: now() });
    smtp.refuseNext(MAX_ATTEMPTS, 451);
    const options = { transport, portalUrl: PORTAL, sleep: noSleep, now };
    expect((await deliverOutbox(sqlite, options)).retry).toBe(1);
    expect(status(sqlite, 'a@example.test')).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: '2030-01-01T00:01:00.000Z',
    });
    expect((await deliverOutbox(sqlite, options)).retry).toBe(0); // not due yet
    clock += 60_000;
    await deliverOutbox(sqlite, options);
    expect(status(sqlite, 'a@example.test')).toMatchObject({
      attempts: 2,
      nextAttemptAt: '2030-01-01T00:03:00.000Z',
    });
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      clock += 6 * 60 * 60_000;
      await deliverOutbox(sqlite, options);
    }
    expect(status(sqlite, 'a@example.test')).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('gives up at once on a permanent refusal', async () => {
    const db = await onboardingDb();
    inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-a' });
    smtp.refuseNext(1, 550);
    const result = await deliverOutbox(db.$client, {
      transport,
      portalUrl: PORTAL,
      sleep: noSleep,
    });
    expect(result.failed).toBe(1);
    expect(status(db.$client, 'a@example.test')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('paces sends to the given rate', async () => {
    const db = await onboardingDb();
    let clock = Date.now();
    inviteAccounts(db.$client, { actor: CLI_ACTOR, now: new Date(clock) });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    const now = () => new Date(clock);
    const result = await deliverOutbox(db.$client, {
      transport,
      portalUrl: PORTAL,
      sleep,
      now,
      ratePerSecond: 2,
    });
    expect(result.sent).toBe(4);
    expect(waits).toEqual([500, 500, 500]);
  });

  it('never sends a code that was replaced or used', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    inviteAccounts(sqlite, { actor: CLI_ACTOR, accountId: 'acct-a' });
    await redeemCode(
      sqlite,
      {
        email: 'a@example.test',
        code: currentCode(sqlite, 'a@example.test'),
        password: 'tangerine orbit lantern',
      },
      { throttles: freshThrottles() },
    );
    const result = await deliverOutbox(sqlite, { transport, portalUrl: PORTAL, sleep: noSleep });
    expect(result).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it('puts the claimant’s anti-phishing phrase in every later email', async () => {
    const db = await onboardingDb();
    const sqlite = db.$client;
    const throttles = freshThrottles();
    inviteAccounts(sqlite, { actor: CLI_ACTOR, accountId: 'acct-a' });
    const code = currentCode(sqlite, 'a@example.test');
    const login = await redeemCode(
      sqlite,
      { email: 'a@example.test', code, password: 'tangerine orbit lantern' },
      { throttles },
    );
    if (login.outcome !== 'activated') throw new Error(login.outcome);
    setPhrase(sqlite, {
      userId: login.userId,
      email: login.email,
      accountId: 'acct-a',
      phrase: 'Blue heron at dawn',
    });
    requestCode(sqlite, { email: 'a@example.test' }, { throttles });
    await deliverOutbox(sqlite, { transport, portalUrl: PORTAL, sleep: noSleep });
    const [mail] = smtp.received;
    expect(mail?.subject).toBe('Your Makewhole password reset code');
    expect(mail?.text).toContain('Your anti-phishing phrase: "Blue heron at dawn"');
    expect(mail?.html).toContain('Blue heron at dawn');
    expect(mail?.text).toContain(formatCode(currentCode(sqlite, 'a@example.test')));
  });

  it('sends a message once when two senders reach for it together', async () => {
    const db = await onboardingDb();
    inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-a' });
    const messageId = 1;
    const outcomes = await Promise.all([
      deliverMessage(db.$client, messageId, { transport, portalUrl: PORTAL }),
      deliverMessage(db.$client, messageId, { transport, portalUrl: PORTAL }),
    ]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends only the given account’s messages when asked to', async () => {
    const db = await onboardingDb();
    inviteAccounts(db.$client, { actor: CLI_ACTOR });
    const options = { transport, portalUrl: PORTAL, sleep: noSleep, accountId: 'acct-b' };
    expect((await deliverOutbox(db.$client, options)).sent).toBe(1);
    expect(smtp.received.map((mail) => mail.subject)).toHaveLength(1);
    expect(status(db.$client, 'a@example.test')).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('writes .eml files to a folder when there is no SMTP server', async () => {
    const db = await onboardingDb();
    inviteAccounts(db.$client, { actor: CLI_ACTOR, accountId: 'acct-c' });
    const dir = mkdtempSync(join(tmpdir(), 'mw-outbox-'));
    const folder = folderTransport(dir, FROM);
    await deliverOutbox(db.$client, { transport: folder, portalUrl: PORTAL, sleep: noSleep });
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^0000001-Carol\.Mixed@Example\.test\.eml$/);
    const eml = readFileSync(join(dir, file!), 'utf8');
    expect(eml).toContain(formatCode(currentCode(db.$client, 'carol.mixed@example.test')));
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
  });
});
