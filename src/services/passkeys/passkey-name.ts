/** The name a user gives a passkey ("Work laptop"), checked for registration and rename. */
import { GatehouseError } from '../../core/errors.js';

export const MAX_PASSKEY_NAME = 64;
/** What a passkey is called until its owner names it. */
export const DEFAULT_PASSKEY_NAME = 'Passkey';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** 1 to 64 characters once trimmed, no control characters; `fallback` when absent. */
export function readPasskeyName(name: unknown, fallback?: string): string {
  if (name === undefined && fallback !== undefined) return fallback;
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > MAX_PASSKEY_NAME || CONTROL.test(trimmed)) {
    throw new GatehouseError('VALIDATION_ERROR', `name must be 1 to ${MAX_PASSKEY_NAME} characters`, {
      issues: [{ path: 'name', message: `must be 1 to ${MAX_PASSKEY_NAME} printable characters` }],
    });
  }
  return trimmed;
}
