/**
 * Port: the durable outbox. Work that must leave the process (mail, text messages, webhooks) is
 * written here in the same breath as the change that caused it, and a background sender
 * delivers it with retries — so a slow or broken mail server never blocks or fails a request.
 */
import type { Id } from '../../core/ids.js';

export type OutboxKind = 'mail' | 'sms' | 'webhook';

export interface OutboxMessage {
  readonly id: Id<'obx'>;
  readonly kind: OutboxKind;
  /** JSON text of the message (a rendered mail or a text message, both sealed; a webhook delivery). */
  readonly payload: string;
  readonly createdAt: number;
  /** Not to be sent before this time (retry backoff). */
  readonly availableAt: number;
  /** Delivery attempts started so far. */
  readonly attempts: number;
}

/** A message as an operator inspects it. */
export interface OutboxRecord extends OutboxMessage {
  readonly state: 'pending' | 'sent' | 'dead';
  readonly lastError: string | null;
}

export interface OutboxStore {
  /** One message, whatever its state (for operators and tests), or null. */
  get(id: Id<'obx'>): Promise<OutboxRecord | null>;
  enqueue(message: OutboxMessage): Promise<void>;
  /**
   * Leases up to `limit` messages that are due (`availableAt <= now`, not sent, not given up,
   * not leased by someone else until `now`), counting an attempt on each. Concurrent claims —
   * from this process or others on the same PostgreSQL — never lease one message twice.
   */
  claim(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /**
   * Marks a leased message delivered; it is never claimed again. A mail's or a text message's
   * payload (one-time links and codes, sealed) is erased; so it is when one is given up.
   */
  complete(id: Id<'obx'>, now: number): Promise<void>;
  /** Releases a leased message for another try at `retryAt`, or gives up on it (`retryAt: null`). */
  fail(id: Id<'obx'>, retryAt: number | null, error: string): Promise<void>;
}
