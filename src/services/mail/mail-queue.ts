/**
 * How use cases send mail: rendered now, in the recipient's language, stored durably in the
 * outbox, and handed to the sender at once (the outbox is for durability, not delay). A failure
 * to store is logged, never thrown: mail must not break the request that caused it.
 */
import type { Locale } from '../../core/locale.js';
import type { Logger } from '../../core/logger.js';
import type { TemplateName } from '../../delivery/locales/en.js';
import { type MailVariables, renderMail } from '../../delivery/render-mail.js';
import type { OutboxMessage } from '../../store/ports/outbox-store.js';
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
  /**
   * The outbox row of that mail, rendered and sealed but not stored — for a change that stores
   * it in its own transaction — or null when it could not be rendered (logged, as `send` does).
   */
  row(
    to: string,
    template: TemplateName,
    vars: Omit<MailVariables, 'email' | 'appName'>,
    locale?: Locale,
  ): OutboxMessage | null;
  /** Delivers rows stored elsewhere (`row`) now, once their transaction has committed. */
  kick(): void;
}

export function createMailQueue(
  sender: OutboxSender,
  logger: Logger,
  templatesDir?: string,
  appName = 'Gatehouse',
): MailQueue {
  const failed = (template: TemplateName, error: unknown) =>
    logger.error(
      { template, err: error instanceof Error ? error.message : String(error) },
      'mail could not be queued',
    );
  return {
    async send(to, template, vars, locale) {
      if (to === null) return;
      try {
        const rendered = renderMail(template, { ...vars, email: to, appName }, templatesDir, locale);
        await sender.enqueueMail({ to, ...rendered });
      } catch (error) {
        failed(template, error);
      }
    },
    row(to, template, vars, locale) {
      try {
        const rendered = renderMail(template, { ...vars, email: to, appName }, templatesDir, locale);
        return sender.mailRow({ to, ...rendered });
      } catch (error) {
        failed(template, error);
        return null;
      }
    },
    kick: () => sender.kick(),
  };
}
