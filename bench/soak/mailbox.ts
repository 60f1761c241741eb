/**
 * The soak's SMTP receiver, in the driver process: a real SMTP server on loopback that keeps the
 * mailed links for the addresses a flow is watching, and drops every other mail (sign-up
 * verifications, notices) once parsed, so a ten-minute run does not pile mail up in memory.
 * test/support/smtp.ts is the test suite's; it imports Vitest, so the bench has its own.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const LINK = /\/([a-z-]+)\?token=([\w-]+)/g;

export interface Mailbox {
  readonly url: string;
  /** Mails received in all, watched or not. */
  received(): number;
  /**
   * Waits for a link to `<path>?token=…` in a mail to `to` that arrives after this call, and
   * returns its token. The address is watched only while a call waits.
   */
  nextLink(to: string, path: string, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

interface Waiter {
  readonly path: string;
  resolve(token: string): void;
}

/** Listens on `port` (chosen by the orchestrator, which starts the server with its URL first). */
export async function startMailbox(port: number): Promise<Mailbox> {
  const waiting = new Map<string, Waiter>();
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream)
        .then((mail) => {
          count++;
          for (const to of recipients) {
            const waiter = waiting.get(to);
            if (!waiter) continue;
            for (const [, path, token] of (mail.text ?? '').matchAll(LINK)) {
              if (path !== waiter.path || token === undefined) continue;
              waiting.delete(to);
              waiter.resolve(token);
              break;
            }
          }
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    received: () => count,
    nextLink(to, path, timeoutMs) {
      const address = to.toLowerCase();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(address);
          reject(new Error(`no ${path} link for ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(address, {
          path,
          resolve: (token) => {
            clearTimeout(timer);
            resolve(token);
          },
        });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
