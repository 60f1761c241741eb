/**
 * Recovery codes in the Flametrench format (`recovery-code-format.json`): 12 characters in three
 * hyphen-separated groups of four, from an alphabet without 0/O/1/I/L, which are confused when read
 * aloud or copied by hand. Upper case with hyphens is the canonical form; what people type is mapped
 * to it by `normalizeRecoveryCode` before any lookup.
 */
import type { Random } from '../core/random.js';
import { uniformIndexes } from './uniform-choice.js';

/** 23 letters and 8 digits: about 4.95 bits a character, 59 bits a code. */
export const RECOVERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const CANONICAL = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
// Case-insensitive without the `u` flag, so no non-ASCII letter (the Kelvin sign, a long s) folds into one.
const GROUPED = /^([A-HJKMNP-Z2-9]{4})[- ]?([A-HJKMNP-Z2-9]{4})[- ]?([A-HJKMNP-Z2-9]{4})$/i;

/**
 * A set of `count` distinct recovery codes in canonical form.
 *
 * @example
 * newRecoveryCodes(systemRandom) // ['7KQM-X2CD-PH9A', … 10 codes]
 */
export function newRecoveryCodes(random: Random, count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chars = uniformIndexes(random, RECOVERY_CODE_ALPHABET.length, 12)
      .map((index) => RECOVERY_CODE_ALPHABET[index])
      .join('');
    codes.add(`${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`);
  }
  return [...codes];
}

/** Whether `code` is a recovery code in canonical form (the fixture's `is_valid_recovery_code`). */
export function isValidRecoveryCode(code: string): boolean {
  return typeof code === 'string' && CANONICAL.test(code);
}

/**
 * The canonical form of a code as typed, or null if it cannot be one: surrounding space is trimmed,
 * case ignored, and the groups may be joined by a hyphen, a space or nothing. Look-alike characters are
 * refused rather than guessed, since a guess would silently widen what a code accepts.
 *
 * @example
 * normalizeRecoveryCode(' abcd efgh jkmn ') // 'ABCD-EFGH-JKMN'
 */
export function normalizeRecoveryCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const groups = GROUPED.exec(input.trim());
  return groups ? `${groups[1]}-${groups[2]}-${groups[3]}`.toUpperCase() : null;
}
