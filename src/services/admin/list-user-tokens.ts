/**
 * Operators: a user's personal access tokens that are not revoked, newest first (expired ones
 * too, marked by `expiresAt`) — names, scopes, apps and dates, never a secret or its digest.
 *
 * @example
 * const tokens = await gatehouse.listUserTokens('usr_…');
 */
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { type PatView, patView } from '../pats/pat-view.js';
import { findAccessTarget, inReach } from './access-target.js';

export async function listUserTokens(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<PatView[]> {
  const user = await findAccessTarget(ctx, scope, userId);
  return (await ctx.store.pats.listForUser(user.id)).filter((p) => inReach(scope, p.appId)).map(patView);
}
