/**
 * Operators: revokes every personal access token of a user, at once; returns how many. Emits
 * `pat.revoked` with `data.all` and `data.count` (also when there were none: the request is
 * audited either way). A tenant admin revokes the tokens that work at their app only.
 *
 * @example
 * const { revoked } = await gatehouse.revokeUserTokens('usr_…');
 */
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { findAccessTarget, inReach } from './access-target.js';

export async function revokeUserTokens(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<{ revoked: number }> {
  const user = await findAccessTarget(ctx, scope, userId);
  const now = ctx.clock.now();
  let revoked = 0;
  if (scope?.appId) {
    for (const pat of await ctx.store.pats.listForUser(user.id)) {
      if (inReach(scope, pat.appId) && (await ctx.store.pats.revoke(user.id, pat.id, now))) revoked += 1;
    }
  } else {
    revoked = await ctx.store.pats.revokeAllForUser(user.id, now);
  }
  await ctx.events.emit({
    type: 'pat.revoked',
    userId: user.id,
    data: { all: true, count: revoked, ...(scope?.appId ? { appId: scope.appId } : {}) },
  });
  return { revoked };
}
