/**
 * Operators: revokes one of a user's personal access tokens; it is refused from its next use on
 * (the bearer check reads the token's row every time). Another user's token, an unknown id and
 * one already revoked (and, for a tenant admin, one working at another app) are the same 404
 * `NOT_FOUND`. Emits `pat.revoked` (`data.patId`).
 *
 * @example
 * await gatehouse.revokeUserToken('usr_…', 'pat_…');
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { findAccessTarget, inReach } from './access-target.js';

export async function revokeUserToken(
  ctx: ServiceContext,
  userId: string,
  patId: string,
  scope?: OperatorScope,
): Promise<void> {
  const user = await findAccessTarget(ctx, scope, userId);
  const noSuchToken = () => new GatehouseError('NOT_FOUND', 'No such token');
  if (!isValidId(patId, 'pat')) throw noSuchToken();
  if (scope?.appId) {
    const found = await ctx.store.pats.find(patId);
    if (!found || !inReach(scope, found.token.appId)) throw noSuchToken();
  }
  // Scoped to the user, so another user's token id revokes nothing and answers 404.
  if (!(await ctx.store.pats.revoke(user.id, patId, ctx.clock.now()))) throw noSuchToken();
  await ctx.events.emit({ type: 'pat.revoked', userId: user.id, data: { patId } });
}
