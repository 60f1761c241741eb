/**
 * Port: something that hands one text message to a provider, or throws. Retrying is the outbox's
 * job. A message carries a one-time code, so a sender never logs its body, and keeps the body and
 * the number (personal data) out of its error messages: the outbox logs and stores those.
 */
import { PermanentDeliveryError } from '../mailer.js';

export interface OutgoingSms {
  /** One number in E.164 form (`+14155550100`), as `canonicalPhone` returns it. */
  readonly to: string;
  readonly body: string;
}

export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
  close?(): Promise<void>;
}

/**
 * The provider's final answer about this message: retrying will not help. `recipient` is set when
 * the number itself is at fault (not a valid or mobile number, opted out), so a caller sending
 * directly can tell the user; otherwise the request or the account was refused. It is a
 * `PermanentDeliveryError`, so the outbox gives up on it as on a refused mail.
 */
export class PermanentSmsError extends PermanentDeliveryError {
  readonly recipient: boolean;

  constructor(message: string, options: { readonly cause?: unknown; readonly recipient?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.recipient = options.recipient ?? false;
  }
}
