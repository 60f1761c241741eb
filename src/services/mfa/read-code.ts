/**
 * A six-digit code as a user types it (authenticator apps show `123 456`): spaces are dropped;
 * anything that is not a short string is refused with `VALIDATION_ERROR`. Whether it is the
 * right code is each factor's business.
 */
import { GatehouseError } from '../../core/errors.js';

export function readCode(code: unknown, from: 'the authenticator app' | 'the text message'): string {
  if (typeof code !== 'string' || code.length > 16) {
    throw new GatehouseError('VALIDATION_ERROR', `code must be the 6-digit code from ${from}`, {
      issues: [{ path: 'code', message: 'must be a 6-digit code' }],
    });
  }
  return code.replace(/\s+/g, '');
}
