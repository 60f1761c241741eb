/**
 * The background sender: claims due outbox messages, delivers each by its kind (mail through the
 * mailer, text messages through the SMS sender, webhooks through the webhook deliverer), and
 * reschedules failures with exponential backoff (5 s, 10 s, 20 s … capped at one hour) until
 * `maxAttempts`. Several senders — in one process or many on PostgreSQL — never deliver one
 * message twice under normal operation, because claims are exclusive leases.
 */
import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import type { Logger } from '../../core/logger.js';
import type { Random } from '../../core/random.js';
import { isSealed, type KeySeal } from '../../crypto/key-seal.js';
import { type Mailer, type OutgoingMail, PermanentDeliveryError } from '../../delivery/mailer.js';
import type { OutgoingSms, SmsSender } from '../../delivery/sms/sms-sender.js';
import type { OutboxKind, OutboxMessage, OutboxStore } from '../../store/ports/outbox-store.js';
import type { WebhookDeliverer } from '../webhooks/deliver-webhook.js';

export interface OutboxSenderOptions {
  readonly outbox: OutboxStore;
  readonly mailer: Mailer;
  /** Delivers `'webhook'` messages. Without it they are given up on. */
  readonly webhooks?: WebhookDeliverer;
  /** Delivers `'sms'` messages. Without it they are given up on. */
  readonly sms?: SmsSender;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  /**
   * Seals mail and SMS payloads before they are stored: they carry one-time links and codes, and
   * a row (or the WAL, or an old row version) must never hold one in clear.
   */
  readonly seal: KeySeal;
  /** How often to look for due work, in ms. Default 1000. */
  readonly pollMs?: number;
  /** Messages claimed per round. Default 20. */
  readonly batch?: number;
  /** Attempts before a message is given up. Default 10. */
  readonly maxAttempts?: number;
  /** How long a claim stays exclusive, in ms. Default 60 s. */
  readonly leaseMs?: number;
}

/** A text message as the outbox keeps it. */
export interface QueuedSms extends OutgoingSms {
  /**
   * Epoch ms after which sending is pointless (the code in it has expired): a message still
   * undelivered then is given up instead of arriving late and useless.
   */
  readonly notAfter?: number;
}

export interface OutboxSender {
  /**
   * Stores a message (JSON `payload`) of `kind` for delivery; returns as soon as it is durable.
   * A started sender then delivers it at once, in the background.
   */
  enqueue(kind: OutboxKind, payload: string): Promise<void>;
  /** Stores a mail for delivery, sealed; returns as soon as it is durable. */
  enqueueMail(mail: OutgoingMail): Promise<void>;
  /**
   * The outbox row of a mail (sealed) without storing it: for a change that stores it in its own
   * transaction (a new account with its verification mail). Call `kick()` once it is committed.
   */
  mailRow(mail: OutgoingMail): OutboxMessage;
  /** A started sender delivers what is due now, in the background (a row stored elsewhere). */
  kick(): void;
  /** Stores a text message for delivery, sealed; returns as soon as it is durable. */
  enqueueSms(sms: QueuedSms): Promise<void>;
  /**
   * Delivers everything due now; resolves with how many were delivered. A call during a round
   * joins it, and the round looks once more, so work stored meanwhile is not left for the poll.
   */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { outbox, mailer, webhooks, sms, clock, random, logger, seal } = options;
  const pollMs = options.pollMs ?? 1000;
  const batch = options.batch ?? 20;
  const maxAttempts = options.maxAttempts ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  /** Set by `stop()`: a round in progress finishes the message in hand and goes no further. */
  let closing = false;

  async function send(message: OutboxMessage): Promise<void> {
    switch (message.kind) {
      case 'mail': {
        // Rows queued before mails were sealed are plain JSON.
        const json = isSealed(message.payload) ? seal.open(message.payload) : message.payload;
        return mailer.send(JSON.parse(json) as OutgoingMail);
      }
      case 'sms': {
        if (!sms) throw new PermanentDeliveryError('no SMS sender configured');
        // Always sealed: SMS rows were sealed from the first day.
        const { to, body, notAfter } = JSON.parse(seal.open(message.payload)) as QueuedSms;
        if (notAfter !== undefined && clock.now() > notAfter)
          throw new PermanentDeliveryError('expired before it could be sent');
        return sms.send({ to, body });
      }
      case 'webhook':
        if (!webhooks) throw new PermanentDeliveryError('no webhook deliverer configured');
        return webhooks(message.payload);
      default:
        throw new PermanentDeliveryError(`unknown outbox kind "${String(message.kind)}"`);
    }
  }

  async function deliver(message: OutboxMessage): Promise<boolean> {
    try {
      await send(message);
      await outbox.complete(message.id, clock.now());
      return true;
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError || message.attempts >= maxAttempts;
      const reason = error instanceof Error ? error.message : String(error);
      await outbox.fail(message.id, permanent ? null : clock.now() + backoffMs(message.attempts), reason);
      // The id and kind, not the address or the body: bodies carry one-time links and codes.
      logger.warn(
        { outbox: message.id, kind: message.kind, attempts: message.attempts, gaveUp: permanent, reason },
        `${message.kind} delivery failed`,
      );
      return false;
    }
  }

  async function round(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const claimed = await outbox.claim(clock.now(), batch, leaseMs);
      // Mail goes one by one, as it always has, and so do text messages, in a lane of their own:
      // a slow mail server never holds up a sign-in code, nor a slow SMS provider a reset mail.
      // Webhooks go side by side, so a receiver that times out costs a round one timeout.
      const lane = (belongs: (m: OutboxMessage) => boolean) => async () => {
        for (const m of claimed) {
          // Shutting down: what is claimed but not sent keeps its lease and is sent after it
          // lapses (by this process after a restart, or by another one).
          if (closing) return;
          if (belongs(m) && (await deliver(m))) delivered++;
        }
      };
      const mail = lane((m) => m.kind !== 'webhook' && m.kind !== 'sms');
      const texts = lane((m) => m.kind === 'sms');
      const hooks = claimed
        .filter((m) => m.kind === 'webhook')
        .map(async (m) => {
          if (await deliver(m)) delivered++;
        });
      await Promise.all([mail(), texts(), ...hooks]);
      if (claimed.length < batch || closing) return delivered;
    }
  }

  async function rounds(): Promise<number> {
    let delivered = 0;
    do {
      again = false;
      delivered += await round();
    } while (again && !closing);
    return delivered;
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = rounds().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** A round that nobody awaits: its failure is only logged. */
  function drainInBackground(): Promise<unknown> {
    return drain().catch((error: unknown) =>
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'outbox round failed'),
    );
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void drainInBackground().finally(schedule);
    }, pollMs);
    timer.unref();
  }

  function row(kind: OutboxKind, payload: string): OutboxMessage {
    const now = clock.now();
    return { id: newId('obx', now, random), kind, payload, createdAt: now, availableAt: now, attempts: 0 };
  }

  function kick(): void {
    // The outbox is for durability, not delay: a started sender goes at once.
    if (!stopped) void drainInBackground();
  }

  async function enqueue(kind: OutboxKind, payload: string): Promise<void> {
    await outbox.enqueue(row(kind, payload));
    kick();
  }

  const sealedMail = (mail: OutgoingMail) => seal.seal(JSON.stringify(mail));

  return {
    enqueue,
    enqueueMail: (mail) => enqueue('mail', sealedMail(mail)),
    mailRow: (mail) => row('mail', sealedMail(mail)),
    kick,
    enqueueSms: ({ to, body, notAfter }) => enqueue('sms', seal.seal(JSON.stringify({ to, body, notAfter }))),
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      closing = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
