/** Port: something that delivers one rendered mail, or throws. Retrying is the outbox's job. */
export interface OutgoingMail {
  /** One canonical address (never a list). */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close?(): Promise<void>;
}

/** A delivery failure that retrying will not fix (e.g. the server refused the recipient). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}
