/**
 * What a new password must satisfy: a minimum length (default 8), at most 256 characters
 * (code points), not on the bundled blocklist — and nothing else (no composition rules).
 * Checked before any hashing so oversized input costs nothing.
 */
import { GatehouseError } from '../core/errors.js';
import type { PlainPassword } from '../core/secrets.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MAX_PASSWORD_LENGTH = 256;

export interface PasswordPolicy {
  readonly minLength: number;
}

let blocklist: Set<string> | undefined;

/** True when the password is on the bundled list of common passwords (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  blocklist ??= new Set(COMMON_PASSWORDS.split('\n'));
  const lower = password.toLowerCase();
  if (blocklist.has(lower)) return true;
  // A listed word padded with a predictable run to pass a length rule ("password1234567",
  // "qwerty111111", "dragon!!!!!!") is as guessable as the word itself.
  const padded = /^(.+?)([0-9]+|[^0-9a-z]+)$/.exec(lower);
  return padded !== null && blocklist.has(padded[1]!) && isPredictableRun(padded[2]!);
}

/** One character repeated, or digits counting up or down by one ("1234", "9876", "0000"). */
function isPredictableRun(run: string): boolean {
  if (new Set(run).size === 1) return true;
  if (!/^[0-9]+$/.test(run)) return false;
  const steps = new Set<number>();
  for (let i = 1; i < run.length; i++) steps.add((run.charCodeAt(i) - run.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** Length in code points, so an emoji counts once. */
export function passwordLength(password: string): number {
  let n = 0;
  for (const _ of password) n++;
  return n;
}

/** Rejects input that is not a string or too long to be a password, before any other work. */
export function checkPasswordShape(password: unknown): asserts password is PlainPassword {
  if (typeof password !== 'string' || password.length === 0) {
    throw new GatehouseError('VALIDATION_ERROR', 'password is required');
  }
  // UTF-16 length ≥ code points, so this cheap check is exact for the upper bound's purpose.
  if (password.length > MAX_PASSWORD_LENGTH * 2 || passwordLength(password) > MAX_PASSWORD_LENGTH) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      `password must be at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

/** Throws `WEAK_PASSWORD` when a new password does not meet the policy. */
export function checkNewPassword(
  password: unknown,
  policy: PasswordPolicy,
): asserts password is PlainPassword {
  checkPasswordShape(password);
  if (passwordLength(password) < policy.minLength) {
    throw new GatehouseError('WEAK_PASSWORD', `password must be at least ${policy.minLength} characters`);
  }
  if (isCommonPassword(password)) {
    throw new GatehouseError('WEAK_PASSWORD', 'password is too common; choose another');
  }
}
