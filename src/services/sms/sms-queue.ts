/**
 * How use cases send a text message. With the outbox (`sms.outbox`, the default) the message is
 * sealed, stored durably and handed to the sender at once, so a provider outage delays a code
 * instead of losing it. Without it, the message goes straight to the provider. Unlike mail, a
 * message that cannot be queued or sent is the caller's failure: the user is waiting for the
 * code, and is better told to try again than left waiting.
 */
import { GatehouseError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { PermanentSmsError, type SmsSender } from '../../delivery/sms/sms-sender.js';
import type { OutboxSender, QueuedSms } from '../outbox/outbox-sender.js';

export interface SmsQueue {
  /**
   * Queues (or sends) one message. Throws 503 `UNAVAILABLE` when it can be neither stored nor
   * sent, and, when sending directly, 400 `VALIDATION_ERROR` on `phone` when the provider refuses
   * the number itself.
   */
  send(sms: QueuedSms): Promise<void>;
}

/**
 * @example
 * const sms = createSmsQueue(sender, settings.sms.outbox ? outboxSender : null, logger);
 * await sms.send({ to: '+14155550100', body: `Your code is ${code}`, notAfter: expiresAt });
 */
export function createSmsQueue(sender: SmsSender, outbox: OutboxSender | null, logger: Logger): SmsQueue {
  return {
    async send(sms) {
      try {
        if (outbox) await outbox.enqueueSms(sms);
        else await sender.send({ to: sms.to, body: sms.body });
      } catch (error) {
        // The reason only: never the number or the body, which holds the code.
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn({ reason, queued: outbox !== null }, 'text message could not be sent');
        if (error instanceof PermanentSmsError && error.recipient) {
          const message = 'cannot receive text messages';
          throw new GatehouseError('VALIDATION_ERROR', `This phone number ${message}`, {
            issues: [{ path: 'phone', message }],
          });
        }
        const cause = { cause: error };
        throw new GatehouseError(
          'UNAVAILABLE',
          'The text message could not be sent; try again shortly',
          {},
          cause,
        );
      }
    },
  };
}
