/**
 * How use cases send mail: rendered now, in the recipient's language, stored durably in the
 * outbox, and handed to the sender at once (the outbox is for durability, not delay). A failure
 * to store is logged, never thrown: mail must not break the request that caused it.
 */
import type { Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import type { TemplateName } from '../../delivery/locales/en.js';
import { type MailVariables, renderMail } from '../../delivery/render-mail.js';
import type { OutboxSender } from '../outbox/outbox-sender.js';

export interface MailQueue {
  /**
   * Queues a mail to `to` in `locale` (English when not given; see `recipientLocale` for whose
   * it is); `null` (an account with only a username has no address) sends nothing.
   */
  send(
    to: string | null,
    template: TemplateName,
    vars: Omit<MailVariables, 'email' | 'appName'>,
    locale?: Locale,
  ): Promise<void>;
}

export function createMailQueue(
  sender: OutboxSender,
  logger: Logger,
  templatesDir?: string,
  appName = 'Gatehouse',
): MailQueue {
  return {
    async send(to, template, vars, locale) {
      if (to === null) return;
      try {
        const rendered = renderMail(template, { ...vars, email: to, appName }, templatesDir, locale);
        await sender.enqueueMail({ to, ...rendered });
      } catch (error) {
        logger.error(
          { template, err: error instanceof Error ? error.message : String(error) },
          'mail could not be queued',
        );
      }
    },
  };
}
