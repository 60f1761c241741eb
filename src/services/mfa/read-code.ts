/**
 * A six-digit code as a user types it (authenticator apps show `123 456`): spaces are dropped;
 * anything that is not a short string is refused with `VALIDATION_ERROR`. Whether it is the
 * right code is each factor's business — unless `exact`, where anything but six digits is
 * refused here too, before it could count as a try.
 */
import { GatehouseError } from '../../core/errors.js';

const SIX_DIGITS = /^\d{6}$/;

export function readCode(
  code: unknown,
  from: 'the authenticator app' | 'the text message' | 'the mail',
  { exact = false } = {},
): string {
  const typed = typeof code === 'string' && code.length <= 16 ? code.replace(/\s+/g, '') : null;
  if (typed === null || (exact && !SIX_DIGITS.test(typed))) {
    throw new GatehouseError('VALIDATION_ERROR', `code must be the 6-digit code from ${from}`, {
      issues: [{ path: 'code', message: 'must be a 6-digit code' }],
    });
  }
  return typed;
}
