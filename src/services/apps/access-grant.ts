/**
 * What a session's access token says about its app: `aud` (the app's audience), `app`, and the
 * membership's roles, plan and permissions as they are when the token is issued — so a service
 * that verifies tokens offline (JWKS) sees a change at the next refresh, at most
 * `accessTokenTtl` later. Gatehouse's own guards read the live membership instead.
 */
import type { App, Membership } from '../../core/apps.js';
import type { Session } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { permissionsFrom } from './permissions-from.js';
import { audienceOf } from './resolve-app.js';

export interface AccessGrant {
  readonly aud: string;
  readonly app: Session['appId'];
  readonly roles: readonly string[];
  readonly plan: string;
  readonly permissions: readonly string[];
}

/** The app and membership a sign-in has just read (`joinApp`), so they are not read again. */
export interface KnownMember {
  readonly app: App;
  readonly membership: Membership;
}

export async function accessGrant(
  ctx: ServiceContext,
  session: Pick<Session, 'appId' | 'userId'>,
  known?: KnownMember,
): Promise<AccessGrant> {
  const [app, membership] = known
    ? [known.app, known.membership]
    : await Promise.all([
        ctx.apps.get(session.appId),
        ctx.store.memberships.find(session.appId, session.userId),
      ]);
  if (app?.status !== 'active' || !membership) {
    throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  }
  const roles = await ctx.store.roles.findMany(app.id, membership.roles);
  return {
    aud: audienceOf(ctx, app),
    app: app.id,
    roles: membership.roles,
    plan: membership.plan,
    permissions: permissionsFrom(membership, roles),
  };
}
