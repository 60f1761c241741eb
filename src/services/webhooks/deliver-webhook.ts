/**
 * Delivers one `'webhook'` outbox row: signs the stored body with the secret configured for its
 * URL now, and POSTs it. A 2xx is delivered; 410 Gone, or a URL no longer configured, is a
 * permanent refusal; anything else (other statuses, redirects, timeouts, network errors) is
 * thrown for the outbox to retry. Errors name a status or an error code — never the URL, the
 * body or the secret.
 */
import type { Clock } from '../../core/clock.js';
import { PermanentDeliveryError } from '../../delivery/mailer.js';
import type { WebhookPayload, WebhookSettings } from './enqueue-webhooks.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';

export interface WebhookDelivererOptions {
  readonly webhooks: WebhookSettings;
  readonly clock: Clock;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Per-request timeout in ms. Default 10 s. */
  readonly timeoutMs?: number;
}

/** Delivers one stored webhook payload (JSON text), or throws. */
export type WebhookDeliverer = (payload: string) => Promise<void>;

export function createWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const { webhooks, clock } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const post = options.fetch ?? fetch;

  return async (payload) => {
    const { url, eventId, type, body } = parsePayload(payload);
    const hook = webhooks.find((w) => w.url === url);
    if (!hook) throw new PermanentDeliveryError('webhook URL is no longer configured');
    let response: Response;
    try {
      response = await post(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Gatehouse-Webhooks/1',
          'Gatehouse-Event-Id': eventId,
          'Gatehouse-Event-Type': type,
          [SIGNATURE_HEADER]: signWebhook(body, hook.secret, Math.floor(clock.now() / 1000)),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(describeFetchError(error, timeoutMs));
    }
    // Free the connection; what the receiver says back is not ours to keep.
    await response.body?.cancel().catch(() => {});
    if (response.ok) return;
    if (response.status === 410) throw new PermanentDeliveryError('HTTP 410 Gone: the receiver unsubscribed');
    throw new Error(
      response.status >= 300 && response.status < 400
        ? `HTTP ${response.status} (redirects are not followed)`
        : `HTTP ${response.status}`,
    );
  };
}

function parsePayload(payload: string): WebhookPayload {
  try {
    const parsed = JSON.parse(payload) as WebhookPayload;
    if ([parsed.url, parsed.eventId, parsed.type, parsed.body].every((v) => typeof v === 'string'))
      return parsed;
  } catch {
    // JSON.parse's message quotes the text around the error: part of the body.
  }
  throw new PermanentDeliveryError('malformed webhook row');
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`; its message names the host.
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ? `network error (${code})` : 'network error';
}
