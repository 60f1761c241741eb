/**
 * The user a route about someone's access acts on: within the operator's reach (a tenant admin
 * reaches their own app's members only) and existing, else 404 `NOT_FOUND` — the same answer for
 * an unknown id and one beyond reach, so a tenant admin learns nothing about other apps (AZ-04).
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';

export async function findAccessTarget(
  ctx: ServiceContext,
  scope: OperatorScope | undefined,
  userId: string,
): Promise<User> {
  const id = await checkUserInScope(ctx, scope, userId);
  const user = await ctx.store.users.findById(id);
  if (!user) throw new GatehouseError('NOT_FOUND', 'No such user');
  return user;
}

/** Whether a record at `appId` is within the operator's reach. */
export function inReach(scope: OperatorScope | undefined, appId: string): boolean {
  return !scope?.appId || appId === scope.appId;
}
