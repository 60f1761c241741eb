/**
 * Operators: the apps a user is a member of (disabled apps too), with their roles, plan and
 * direct permissions at each, oldest membership first. A tenant admin sees their own app's only.
 *
 * @example
 * const apps = await gatehouse.listUserApps('usr_…');
 */
import type { AppStatus } from '../../core/apps.js';
import type { ServiceContext } from '../context.js';
import { type MembershipView, membershipView } from '../memberships/membership-view.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { findAccessTarget, inReach } from './access-target.js';

export interface UserAppView extends MembershipView {
  readonly appName: string;
  readonly appStatus: AppStatus;
}

export async function listUserApps(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<UserAppView[]> {
  const user = await findAccessTarget(ctx, scope, userId);
  const [memberships, apps] = await Promise.all([ctx.store.memberships.listForUser(user.id), ctx.apps.all()]);
  const byId = new Map(apps.map((app) => [app.id, app]));
  return memberships
    .filter((m) => inReach(scope, m.appId))
    .flatMap((m) => {
      const app = byId.get(m.appId);
      return app ? [{ ...membershipView(m), appName: app.name, appStatus: app.status }] : [];
    });
}
