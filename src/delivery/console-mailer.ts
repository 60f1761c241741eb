/**
 * The development transport: prints each mail's text to standard output, links included, so a
 * developer can follow them. Never for production — a mail's links carry one-time tokens.
 */
import type { Mailer } from './mailer.js';

export function consoleMailer(write: (text: string) => void = (t) => process.stdout.write(t)): Mailer {
  return {
    async send(mail) {
      write(`\n─── mail to ${mail.to}: ${mail.subject}\n${mail.text}\n───\n`);
    },
  };
}
