/**
 * Email codes as stored and as typed. Stored: a keyed digest (the instance secret's HMAC key)
 * bound to the address — six digits are 20 bits, so a plain hash in a leaked table would fall
 * at once, and the same digits for two addresses never share a digest. Typed: six digits, with
 * spaces dropped; anything else is refused before it could count as a try.
 */
import type { TokenHash } from '../../core/secrets.js';
import type { ServiceContext } from '../context.js';
import { readCode } from '../mfa/read-code.js';

export function emailCodeDigest(ctx: ServiceContext, email: string, code: string): TokenHash {
  // A canonical address holds no control characters, so the separator keeps the parts apart.
  return ctx.codeDigest('email-code', `${email}\0${code}`);
}

/** The code from the mail, or `VALIDATION_ERROR` for anything that cannot be one. */
export function readEmailCode(input: unknown): string {
  return readCode(input, 'the mail', { exact: true });
}
