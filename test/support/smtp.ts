/** A real SMTP server on loopback that parses what it receives (smtp-server + mailparser). */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';

export interface SmtpReceiver {
  readonly port: number;
  readonly url: string;
  readonly messages: ParsedMail[];
  /** Resolves once at least `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Recipients the server refuses with 550. */
  readonly refuse: Set<string>;
  stop(): Promise<void>;
}

export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        callback(error);
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    refuse,
    async waitFor(count, timeoutMs = 5000) {
      const started = Date.now();
      while (messages.length < count) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`only ${messages.length} of ${count} mails arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The newest mail to `to` whose text matches `pattern`, waiting for the `count`-th one. */
export async function waitForMail(
  smtp: SmtpReceiver,
  to: string,
  pattern: RegExp,
  count = 1,
  timeoutMs = 5000,
): Promise<ParsedMail> {
  const started = Date.now();
  for (;;) {
    const mails = smtp.messages.filter(
      (m) => (m.to as { text: string }).text === to && pattern.test(m.text ?? ''),
    );
    if (mails.length >= count) return mails[count - 1]!;
    if (Date.now() - started > timeoutMs) throw new Error(`no mail ${count} for ${to}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The `count`-th link to `<base>/<path>?token=…` mailed to `to`, its token, and the mail. */
export async function mailedLink(
  smtp: SmtpReceiver,
  to: string,
  path: string,
  count = 1,
): Promise<{ url: URL; token: string; mail: ParsedMail }> {
  const pattern = new RegExp(`https?://\\S+/${path}\\?token=[\\w-]+`);
  const mail = await waitForMail(smtp, to, pattern, count);
  const url = new URL(pattern.exec(mail.text ?? '')![0]);
  return { url, token: url.searchParams.get('token')!, mail };
}

/** The `count`-th verification link mailed to `email`; the HTML part carries the same link. */
export async function verificationLink(smtp: SmtpReceiver, email: string, count = 1): Promise<URL> {
  const { url, mail } = await mailedLink(smtp, email, 'verify-email', count);
  expect(mail.html).toContain(url.href.replace(/&/g, '&amp;'));
  return url;
}

/** Every mail delivered to `to` so far. */
export const mailsTo = (smtp: SmtpReceiver, to: string) =>
  smtp.messages.filter((m) => (m.to as { text: string }).text === to);
