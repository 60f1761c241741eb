/**
 * "What can this user do here": the permissions a member holds at an app right now — those
 * granted directly plus those of each role they hold, read live from the store (never from a
 * token, so a change or a demotion counts at once). Not a member: none.
 *
 * @example
 * grants(await permissionsOf(ctx, userId, appId), 'invoices:read');
 */
import { DEFAULT_APP_ID } from '../../core/apps.js';
import { type AppId, isValidId, type UserId } from '../../core/ids.js';
import { permissionsFrom } from '../apps/permissions-from.js';
import type { ServiceContext } from '../context.js';

export async function permissionsOf(ctx: ServiceContext, userId: UserId, appId: AppId): Promise<string[]> {
  const membership = await ctx.store.memberships.find(appId, userId);
  if (!membership) return [];
  const roles = await ctx.store.roles.findMany(appId, membership.roles);
  return permissionsFrom(membership, roles);
}

/**
 * `permissionsOf` for callers holding plain strings (the instance's method): the default app
 * when none is named; ids that cannot name a user or an app hold nothing.
 */
export function memberPermissions(
  ctx: ServiceContext,
  userId: string,
  appId?: string | null,
): Promise<string[]> {
  const app = appId ?? DEFAULT_APP_ID;
  if (!isValidId(userId, 'usr') || !isValidId(app, 'app')) return Promise.resolve([]);
  return permissionsOf(ctx, userId, app);
}
