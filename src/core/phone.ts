/**
 * The one rule for phone numbers: E.164, a `+` then 8 to 15 digits, the first not 0. People type
 * numbers with spaces, dashes and parentheses (`+1 (415) 555-0100`); those are stripped. Anything
 * else is refused rather than guessed at — a national form (`0171 …`), a `00` prefix, letters, an
 * extension, digits from other scripts — because a guessed country code texts a stranger.
 */
import { GatehouseError } from './errors.js';

/** Longer input is refused before it is looked at: 15 digits leave room for plenty of separators. */
const MAX_INPUT_LENGTH = 32;
const SEPARATORS = /[ ()-]/g;
const E164 = /^\+[1-9][0-9]{7,14}$/;

/** The E.164 form of `input` (`+14155550100`), or `null` when it is not one. */
export function canonicalPhone(input: string): string | null {
  if (input.length > MAX_INPUT_LENGTH) return null;
  const compact = input.replace(SEPARATORS, '');
  return E164.test(compact) ? compact : null;
}

/**
 * The E.164 form of `input`, or a 400 `VALIDATION_ERROR` naming `field`. The message does not echo
 * the input.
 *
 * @example
 * parsePhone('+44 (20) 7946-0958'); // '+442079460958'
 */
export function parsePhone(input: unknown, field = 'phone'): string {
  const phone = typeof input === 'string' ? canonicalPhone(input) : null;
  if (phone === null) {
    const message =
      'must be a phone number in international format: + and the country code, e.g. +14155550100';
    throw new GatehouseError('VALIDATION_ERROR', `The ${field} ${message}`, {
      issues: [{ path: field, message }],
    });
  }
  return phone;
}

/**
 * A canonical number with all but its last two digits hidden (`+•••••••••00`), for telling users
 * where a code went without showing the number to whoever looks at their screen or the page.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  return `+${'•'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
