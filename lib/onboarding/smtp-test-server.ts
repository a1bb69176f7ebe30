/** Test helper: a real SMTP server on a loopback port that keeps what it receives. */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export type SmtpTestServer = {
  url: string;
  received: ParsedMail[];
  /** Reply to the next RCPT TO commands with this SMTP error code (e.g. 451, 550). */
  refuseNext(count: number, responseCode: number): void;
  close(): Promise<void>;
};

export async function startSmtpServer(): Promise<SmtpTestServer> {
  const received: ParsedMail[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (refusals.left > 0) {
        refusals.left -= 1;
        const error = Object.assign(new Error('Mailbox unavailable'), {
          responseCode: refusals.code,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, code) {
      refusals = { left: count, code };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
