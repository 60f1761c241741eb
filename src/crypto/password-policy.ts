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
  return blocklist.has(password.toLowerCase());
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
