/**
 * Who an operator may have a link mailed to: an active account with an address. Refused before
 * anything is counted or sent, each with its own code, since the operator must know why nothing
 * went out (the public routes answer alike for every address instead; operators are not anonymous).
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';

/** The account's address, or 409 `USER_NOT_ACTIVE` / 422 `EMAIL_MISSING`. */
export function mailableAddress(user: User): string {
  if (user.status !== 'active') {
    throw new GatehouseError('USER_NOT_ACTIVE', `The account is ${user.status}: no link is sent`);
  }
  if (user.email === null) throw new GatehouseError('EMAIL_MISSING', 'The account has no email address');
  return user.email;
}
