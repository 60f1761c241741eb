/**
 * The development transport: prints each text message, its code included, to standard output so
 * a developer can use it. Never for production — every message carries a one-time code.
 */
import type { SmsSender } from './sms-sender.js';

export function consoleSms(write: (text: string) => void = (t) => process.stdout.write(t)): SmsSender {
  return {
    async send(sms) {
      write(`\n─── sms to ${sms.to}\n${sms.body}\n───\n`);
    },
  };
}
