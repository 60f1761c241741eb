/**
 * Some changes only the user themselves may make: a password, an address, second factors and
 * passkeys, linked identities, tokens, deleting or exporting the account, proving who they are
 * again. In a session an operator started as the user (impersonation) they are refused with 403
 * `IMPERSONATION_RESTRICTED`: the operator may look around and make ordinary profile edits, but
 * never take the account over, lock its owner out or carry its data away.
 */
import type { Session } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';

/** Throws 403 `IMPERSONATION_RESTRICTED` when an operator started `session` as the user. */
export function requireOwnSession(session: Pick<Session, 'impersonatorId'>): void {
  if (session.impersonatorId) {
    throw new GatehouseError(
      'IMPERSONATION_RESTRICTED',
      'Only the user can do this: the session was started by an operator',
    );
  }
}
