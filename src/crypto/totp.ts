/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) on node:crypto, the check that accepts a code once per
 * factor (RFC 6238 §5.2), and the enrolment material an authenticator app reads (Key Uri Format).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Random } from '../core/random.js';
import { base32Encode } from './base32.js';

export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface OtpOptions {
  /** 6 to 8 (RFC 4226 asks for at least 6; authenticator apps show 6 or 8). Default 6. */
  readonly digits?: number;
  /** Default `'sha1'`, the only one every authenticator app supports. */
  readonly algorithm?: OtpAlgorithm;
}

export interface TotpOptions extends OtpOptions {
  /** Seconds per step. Default 30. */
  readonly step?: number;
}

const MAX_COUNTER = 2n ** 64n - 1n;

/**
 * The HOTP value of `counter`: HMAC of the 8-byte big-endian counter, dynamic truncation to 31 bits,
 * the low `digits` decimal digits. The counter is a full 64-bit value, as RFC 6238 times past 2^32 steps need.
 *
 * @example
 * hotp(new TextEncoder().encode('12345678901234567890'), 1) // '287082'
 */
export function hotp(secret: Uint8Array, counter: bigint | number, options: OtpOptions = {}): string {
  const digits = checkDigits(options.digits ?? 6);
  const value = BigInt(counter);
  if (value < 0n || value > MAX_COUNTER) throw new RangeError('HOTP counter must fit in 64 unsigned bits');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(value);
  const mac = createHmac(options.algorithm ?? 'sha1', secret)
    .update(message)
    .digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step (T0 = 0) that a moment in milliseconds falls in. */
export function totpStep(unixMs: number, stepSeconds = 30): number {
  return Math.floor(unixMs / (stepSeconds * 1000));
}

/**
 * The TOTP code at a moment given in whole or fractional seconds.
 *
 * @example
 * totpAt(seed, 59, { digits: 8 }) // '94287082'
 */
export function totpAt(secret: Uint8Array, unixSeconds: number, options: TotpOptions = {}): string {
  return hotp(secret, Math.floor(unixSeconds / (options.step ?? 30)), options);
}

export interface MatchOptions extends TotpOptions {
  /** Steps of clock drift accepted either side of now. Default 1. */
  readonly window?: number;
  /** The last step this factor accepted; that step and earlier ones are refused (replay). */
  readonly lastStep?: number | null;
}

/**
 * The step `code` is valid for near `nowMs`, or null: a wrong, malformed or replayed code is an
 * expected outcome, not an error. The caller must store the returned step as the factor's new
 * `lastStep` atomically (compare-and-set), or two concurrent requests can both pass this check.
 *
 * @example
 * const step = matchTotp(secret, '123456', clock.now(), { lastStep: factor.lastStep });
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  nowMs: number,
  options: MatchOptions = {},
): number | null {
  const digits = checkDigits(options.digits ?? 6);
  if (typeof code !== 'string' || code.length !== digits || !/^[0-9]+$/.test(code)) return null;
  const window = options.window ?? 1;
  const now = totpStep(nowMs, options.step ?? 30);
  const floor = options.lastStep ?? -1;
  const given = Buffer.from(code, 'ascii');
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken does not say which step matched.
  for (let step = now - window; step <= now + window; step++) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step, options), 'ascii'), given);
    if (equal && step > floor) matched = step;
  }
  return matched;
}

/** A new 160-bit TOTP secret, the length RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(random: Random): Uint8Array {
  return Uint8Array.from(random.bytes(20));
}

export interface OtpauthUriInput {
  readonly secret: Uint8Array;
  /** Who the account is with, e.g. the product name. Shown by the app; may not contain a colon. */
  readonly issuer: string;
  /** Which account, e.g. the email address. May not contain a colon. */
  readonly account: string;
  readonly digits?: number;
  readonly algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  readonly period?: number;
}

/**
 * The `otpauth://totp/…` URI authenticator apps scan (Google Authenticator's Key Uri Format): the
 * label is `issuer:account`, each part percent-encoded (spaces as `%20`), and the issuer repeated as a
 * parameter. Colons are refused in either part because apps split the label at the first one.
 *
 * @example
 * otpauthUri({ secret, issuer: 'Acme Co', account: 'ada@example.com' })
 * // 'otpauth://totp/Acme%20Co:ada%40example.com?secret=…&issuer=Acme%20Co&algorithm=SHA1&digits=6&period=30'
 */
export function otpauthUri(input: OtpauthUriInput): string {
  const { issuer, account } = input;
  if (issuer.includes(':') || account.includes(':'))
    throw new TypeError('otpauth issuer and account may not contain a colon');
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${base32Encode(input.secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${input.algorithm ?? 'SHA1'}`,
    `digits=${checkDigits(input.digits ?? 6)}`,
    `period=${input.period ?? 30}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < 6 || digits > 8)
    throw new RangeError('OTP digits must be 6, 7 or 8');
  return digits;
}
