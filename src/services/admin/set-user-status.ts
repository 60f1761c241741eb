/**
 * Operators: suspends, reactivates or revokes a user, through the status changes of
 * `accounts/change-status.ts` (suspending ends every session and keeps credentials; revoking
 * also revokes every credential and personal access token), with the admin API's rules on top:
 *
 * - asking for the status the user already has changes nothing and emits nothing (`changed:
 *   false`), so a retried or doubled request is harmless — of two at once, one changes the user
 *   and the other answers `changed: false`;
 * - revoked is final: suspending or reactivating a revoked user is 409 `USER_REVOKED`;
 * - a deleted user is 404 `NOT_FOUND` (restore it first), as is an unknown one or one beyond a
 *   tenant admin's app;
 * - an operator cannot suspend or revoke themselves (409 `CANNOT_ACT_ON_SELF`), and nobody can
 *   suspend or revoke the console's last active admin (409 `LAST_ADMIN`).
 *
 * Each rule is checked by the store in the transaction that changes the status, so a deletion,
 * another status change or another admin's suspension landing meanwhile is never overwritten.
 */
import type { UserStatus } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { changeUserStatus, type SettableStatus } from '../accounts/change-status.js';
import type { ServiceContext } from '../context.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { CONSOLE_ADMIN, lastAdmin, refuseSelf } from './lock-out.js';

export type { SettableStatus } from '../accounts/change-status.js';

export interface StatusChange {
  readonly id: string;
  readonly status: UserStatus;
  /** False when the user already had that status (nothing happened). */
  readonly changed: boolean;
}

const VERB = { active: 'reactivate', suspended: 'suspend', revoked: 'revoke' } as const;

/**
 * @example
 * await gatehouse.setUserStatus('usr_…', 'suspended'); // { id, status: 'suspended', changed: true }
 */
export async function setUserStatus(
  ctx: ServiceContext,
  userId: string,
  status: SettableStatus,
  scope?: OperatorScope,
): Promise<StatusChange> {
  if (!Object.hasOwn(VERB, status)) {
    throw new GatehouseError('VALIDATION_ERROR', 'status must be active, suspended or revoked');
  }
  if (status !== 'active') refuseSelf(userId, VERB[status]);
  const id = await checkUserInScope(ctx, scope, userId);
  const outcome = await changeUserStatus(ctx, id, status, CONSOLE_ADMIN);
  if (outcome === 'last_holder') throw lastAdmin();
  return { id, status, changed: outcome === 'changed' };
}
