/**
 * Webhook signatures: `Gatehouse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp is signed with the body, so a captured request cannot be replayed once it is
 * older than the receiver's tolerance. `verifyWebhookSignature` is the receiver's half.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Gatehouse-Signature';

function hmac(secret: string, timestamp: number, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The `Gatehouse-Signature` value for `body` signed at `timestamp` (Unix seconds). */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body).toString('hex')}`;
}

export interface VerifyWebhookOptions {
  /** Largest accepted distance between the signed timestamp and `now`, in seconds. Default 300. */
  readonly toleranceSeconds?: number;
  /** The receiver's time, in epoch milliseconds. Default `Date.now()`. */
  readonly now?: number;
}

/** The outcome; on success, `timestamp` is the signed time in Unix seconds. */
export type WebhookVerification =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * Checks a webhook request: the signature header against the raw body (exactly the bytes
 * received, before any JSON parsing) and the timestamp against `toleranceSeconds`.
 *
 * @throws TypeError when `secret` is not a string, or is empty or only whitespace — an HMAC
 *   under an empty key is one anyone can compute, so a receiver whose secret is missing (an
 *   unset environment variable) must fail loudly rather than accept forged requests.
 *
 * @example
 * const result = verifyWebhookSignature(rawBody, req.headers['gatehouse-signature'], process.env.WEBHOOK_SECRET!);
 * if (!result.ok) return res.writeHead(400).end();
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  header: string | readonly string[] | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookVerification {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new TypeError(
      'verifyWebhookSignature: the webhook secret is empty; pass the secret the webhook was configured with',
    );
  }
  const { toleranceSeconds = 300, now = Date.now() } = options;
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  const text = typeof header === 'string' ? header : (header ?? []).join(',');
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Several v1 values may be present while a secret is being rotated.
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' };
  const expected = hmac(secret, timestamp, body);
  let match = false;
  for (const candidate of candidates) match = timingSafeEqual(candidate, expected) || match;
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
