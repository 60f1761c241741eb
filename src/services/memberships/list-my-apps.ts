/**
 * The signed-in user's apps: each active app they are a member of, with its name and their
 * roles and plan there (`GET /auth/me/apps`). Disabled apps are left out.
 */
import type { AppId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';

export interface MyApp {
  readonly appId: AppId;
  readonly name: string;
  readonly roles: readonly string[];
  readonly plan: string;
  /** When the user became a member (ISO 8601). */
  readonly joinedAt: string;
}

export async function listMyApps(ctx: ServiceContext, accessToken: string): Promise<{ apps: MyApp[] }> {
  const { user } = await getSession(ctx, accessToken);
  const [memberships, apps] = await Promise.all([ctx.store.memberships.listForUser(user.id), ctx.apps.all()]);
  const byId = new Map(apps.map((app) => [app.id, app]));
  return {
    apps: memberships.flatMap((m) => {
      const app = byId.get(m.appId);
      if (app?.status !== 'active') return [];
      return [
        {
          appId: app.id,
          name: app.name,
          roles: m.roles,
          plan: m.plan,
          joinedAt: new Date(m.createdAt).toISOString(),
        },
      ];
    }),
  };
}
