/**
 * Operators: removes a user from an app (`removeMember`: their sessions there end at once).
 * 404 `MEMBERSHIP_NOT_FOUND` for a non-member. At the console app only an operator holding
 * every permission may, and never the last active admin (409 `LAST_ADMIN`). A tenant admin
 * reaches their own app and its members only (404 beyond).
 *
 * @example
 * await gatehouse.removeUserFromApp('usr_…', 'app_…');
 */
import type { ServiceContext } from '../context.js';
import { removeMember } from '../memberships/remove-member.js';
import { findAccessTarget } from './access-target.js';
import { type AppReach, changeableApp } from './app-reach.js';

export async function removeUserFromApp(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  reach?: AppReach,
): Promise<void> {
  changeableApp(reach, appId);
  const user = await findAccessTarget(ctx, reach, userId);
  await removeMember(ctx, user.id, appId);
}
