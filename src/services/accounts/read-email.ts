/** Turns typed input into a canonical address or a validation error. */
import { canonicalEmail } from '../../core/email.js';
import { GatehouseError } from '../../core/errors.js';

export function readEmail(input: unknown): string {
  const email = typeof input === 'string' ? canonicalEmail(input) : null;
  if (!email) throw new GatehouseError('VALIDATION_ERROR', 'email must be one valid email address');
  return email;
}

export const MAX_NAME_LENGTH = 200;

export function readName(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  if (typeof input !== 'string') throw new GatehouseError('VALIDATION_ERROR', 'name must be a string');
  const name = input.trim().normalize('NFC');
  if (name.length > MAX_NAME_LENGTH || /[\p{Cc}]/u.test(name)) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      `name must be at most ${MAX_NAME_LENGTH} printable characters`,
    );
  }
  return name.length === 0 ? null : name;
}
