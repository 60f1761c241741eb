/**
 * Turns each recorded event into one outbox row per webhook that wants it, so delivery gets the
 * outbox's durability and retries. A row holds the URL and the exact body to POST — never the
 * secret, which the sender looks up by URL when it signs.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { EVENT_TYPES } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';
import type { OutboxSender } from '../outbox/outbox-sender.js';

export type WebhookSettings = ResolvedSettings['webhooks'];

/** The payload of a `'webhook'` outbox row. */
export interface WebhookPayload {
  readonly url: string;
  readonly eventId: string;
  readonly type: string;
  /** The JSON text to POST, byte for byte the same on every attempt. */
  readonly body: string;
}

/** What a receiver gets: the event, with its audit id and an ISO time beside the epoch ms. */
export function webhookBody(event: AuditRecord): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    at: event.at,
    occurredAt: new Date(event.at).toISOString(),
    outcome: event.outcome,
    userId: event.userId,
    sessionId: event.sessionId,
    ip: event.ip,
    userAgent: event.userAgent,
    data: event.data,
  });
}

/** One payload per configured URL whose `events` list is absent or names the event's type. */
export function webhookPayloads(event: AuditRecord, webhooks: WebhookSettings): WebhookPayload[] {
  const urls = new Set<string>();
  for (const hook of webhooks) {
    if (hook.events === undefined || hook.events.includes(event.type)) urls.add(hook.url);
  }
  if (urls.size === 0) return [];
  const body = webhookBody(event);
  return [...urls].map((url) => ({ url, eventId: event.id, type: event.type, body }));
}

/**
 * Stores the event's webhook rows, resolving once they are durable (the sender then delivers
 * them). Never throws: a row that cannot be stored is logged.
 */
export function createWebhookQueue(
  sender: OutboxSender,
  webhooks: WebhookSettings,
  logger: Logger,
): (event: AuditRecord) => Promise<void> {
  const known = new Set<string>(EVENT_TYPES);
  const seen = new Set<string>();
  webhooks.forEach((hook, index) => {
    const unknown = (hook.events ?? []).filter((type) => !known.has(type));
    if (unknown.length > 0) logger.warn({ webhook: index, unknown }, 'webhook lists unknown event types');
    if (seen.has(hook.url))
      logger.warn({ webhook: index }, 'webhook URL listed twice; the first entry signs');
    seen.add(hook.url);
  });

  return async (event) => {
    for (const payload of webhookPayloads(event, webhooks)) {
      try {
        await sender.enqueue('webhook', JSON.stringify(payload));
      } catch (error) {
        logger.error(
          {
            event: event.type,
            eventId: event.id,
            err: error instanceof Error ? error.message : String(error),
          },
          'webhook could not be queued',
        );
      }
    }
  };
}
