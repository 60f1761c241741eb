/**
 * What an operator can reach. A console operator (`appId` null) reaches every app and user; a
 * tenant admin reaches their own app and its members only, and everything else answers exactly
 * as if it did not exist — 404, never 403, so an app's admin cannot even learn which users or
 * apps exist beyond theirs (SECURITY.md AZ-04). Operations that the CLI or embedding code call
 * take the scope as an optional last argument; absent, it is the whole installation.
 */
import { GatehouseError } from '../../core/errors.js';
import { type AppId, isValidId, type UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

export interface OperatorScope {
  /** null: every app; else the one app a tenant admin runs. */
  readonly appId: AppId | null;
}

/** The whole installation: the CLI, embedding code and console operators. */
export const EVERYWHERE: OperatorScope = { appId: null };

/** Throws 404 `NOT_FOUND` unless the user exists in the operator's reach (not the deleted check: callers do that). */
export async function checkUserInScope(
  ctx: ServiceContext,
  scope: OperatorScope | undefined,
  userId: string,
): Promise<UserId> {
  if (!isValidId(userId, 'usr')) throw new GatehouseError('NOT_FOUND', 'No such user');
  if (scope?.appId && !(await ctx.store.memberships.find(scope.appId, userId))) {
    throw new GatehouseError('NOT_FOUND', 'No such user');
  }
  return userId;
}

/** Throws 404 `APP_NOT_FOUND` for an app beyond the operator's reach. */
export function checkAppInScope(scope: OperatorScope | undefined, appId: string): void {
  if (scope?.appId && appId !== scope.appId) throw new GatehouseError('APP_NOT_FOUND', 'No such app');
}
