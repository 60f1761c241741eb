/**
 * Email codes as stored and as typed. Stored: a keyed digest (the instance secret's HMAC key)
 * bound to the address — six digits are 20 bits, so a plain hash in a leaked table would fall
 * at once, and the same digits for two addresses never share a digest. Typed: six digits, with
 * spaces dropped; anything else is refused before it could count as a try.
 */
import { GatehouseError } from '../../core/errors.js';
import type { TokenHash } from '../../core/secrets.js';
import type { ServiceContext } from '../context.js';

const SIX_DIGITS = /^\d{6}$/;

export function emailCodeDigest(ctx: ServiceContext, email: string, code: string): TokenHash {
  // A canonical address holds no control characters, so the separator keeps the parts apart.
  return ctx.codeDigest('email-code', `${email}\0${code}`);
}

/** The code from the mail, or `VALIDATION_ERROR` for anything that cannot be one. */
export function readEmailCode(input: unknown): string {
  const code = typeof input === 'string' && input.length <= 16 ? input.replace(/\s+/g, '') : '';
  if (!SIX_DIGITS.test(code)) {
    throw new GatehouseError('VALIDATION_ERROR', 'code must be the 6-digit code from the mail', {
      issues: [{ path: 'code', message: 'must be a 6-digit code' }],
    });
  }
  return code;
}
