/**
 * The embedded permission check: whether a user may do something at an app, from the live
 * membership (direct permissions plus those of its roles). No token involved — for code that
 * already knows who is acting (a job, a webhook handler, a server-rendered page).
 */
import { grants } from '../../core/apps.js';
import { isValidId } from '../../core/ids.js';
import { requestedAppId } from '../apps/resolve-app.js';
import type { ServiceContext } from '../context.js';
import { permissionsOf } from '../roles/permissions-of.js';

/**
 * True when the user is active, a member of the app (the default app when `appId` is absent) and
 * holds `permission` there; false otherwise, unknown users and non-members included.
 *
 * @example
 * if (await can(ctx, userId, 'invoices:write', appId)) { … }
 */
export async function can(
  ctx: ServiceContext,
  userId: string,
  permission: string,
  appId?: string | null,
): Promise<boolean> {
  const app = requestedAppId(appId);
  if (!isValidId(userId, 'usr')) return false;
  const [user, held] = await Promise.all([ctx.store.users.findById(userId), permissionsOf(ctx, userId, app)]);
  // A suspended, revoked or deleted account may do nothing, whatever its membership says.
  return user !== null && user.status === 'active' && grants(held, permission);
}
