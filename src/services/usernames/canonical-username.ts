/**
 * The one rule that decides when two typed usernames are the same account: trim surrounding
 * whitespace, Unicode NFKC, then lower-case (locale-independent); what comes out must be 3–32
 * characters from `a-z 0-9 _ . -`. NFKC folds compatibility forms into their plain letters, so
 * `ＡＤＡ` (full-width) and `Ada` are the account `ada`. The result is always plain ASCII: a
 * look-alike from another script (a Cyrillic `а`) is not folded into anything — it is refused,
 * so no two accounts can differ only by a character that looks the same.
 */
import { GatehouseError } from '../../core/errors.js';

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
const USERNAME = /^[a-z0-9_.-]{3,32}$/;
// Longer input is refused before normalising: NFKC can expand one character into eighteen.
const MAX_INPUT_LENGTH = 256;

/** The canonical form of `input`, or null when it is not a valid username. */
export function canonicalUsername(input: string): string | null {
  if (input.length > MAX_INPUT_LENGTH) return null;
  const name = input.trim().normalize('NFKC').toLowerCase();
  return USERNAME.test(name) ? name : null;
}

/**
 * The canonical username in typed input, or `VALIDATION_ERROR` saying what a username may be.
 *
 * @example readUsername(' Ada_L ') // 'ada_l'
 */
export function readUsername(input: unknown): string {
  const name = typeof input === 'string' ? canonicalUsername(input) : null;
  if (name === null) {
    const rule = `${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters: letters a-z (any case), digits, "_", "." or "-"`;
    throw new GatehouseError('VALIDATION_ERROR', `username must be ${rule}`, {
      issues: [{ path: 'username', message: `must be ${rule}` }],
    });
  }
  return name;
}
