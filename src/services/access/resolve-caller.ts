/**
 * Who is calling: a bearer resolved to its user, the app it works at and that user's LIVE
 * membership there. The bearer is routed by its prefix alone (Flametrench ADR 0016, the
 * `bearer-prefix-routing.json` fixture): `pat_…` goes to the personal-access-token verifier,
 * `shr_…` (share tokens, which Gatehouse does not issue) is refused, anything else is a session's
 * access token — and a bearer that fails its own verifier never falls back to another.
 *
 * A token works only at its own app: the app it was issued for must be the app the request names
 * (the default app when it names none), else 401 `INVALID_TOKEN` (SECURITY.md AZ-04). Roles and
 * plan are read from the membership on every call, never from the token's claims, so a demotion
 * applies at once to whatever is guarded with them (AZ-05).
 */
import type { Membership } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, PatId } from '../../core/ids.js';
import { classifyBearer } from '../../crypto/pat-token.js';
import { requestedAppId } from '../apps/resolve-app.js';
import type { ServiceContext } from '../context.js';
import { verifyPat } from '../pats/verify-pat.js';
import { getSession } from '../sessions/get-session.js';
import { type PublicSession, type PublicUser, publicSession, publicUser } from '../views.js';

/** A resolved caller: what guards and `authorize` decide on. */
export interface Caller {
  /** `session`: a signed-in session's access token; `pat`: a personal access token. */
  readonly kind: 'session' | 'pat';
  readonly user: PublicUser;
  /** The live session (session tokens only). */
  readonly session: PublicSession | null;
  /** The token's id and scopes (personal access tokens only). */
  readonly pat: { readonly id: PatId; readonly scopes: readonly string[] } | null;
  /** The app the bearer was issued for, which is the app the request named. */
  readonly appId: AppId;
  /** The member's roles there, as they are now. */
  readonly roles: readonly string[];
  /** The member's plan there, as it is now. */
  readonly plan: string;
  /** The session's assurance level as it is now; a personal access token is always 1. */
  readonly aal: 1 | 2;
}

export interface CallerOptions {
  /** The app the request is for (an `app_…` id); the default app when absent. */
  readonly app?: string | null;
}

/**
 * @example
 * const caller = await resolveCaller(ctx, bearer, { app: request.headers.get('gatehouse-app') });
 * caller.roles; // ['member']
 */
export async function resolveCaller(
  ctx: ServiceContext,
  token: string,
  options: CallerOptions = {},
): Promise<Caller> {
  const appId = requestedAppId(options.app);
  const kind = classifyBearer(token);
  if (kind === 'share') throw new GatehouseError('INVALID_TOKEN', 'Share tokens are not accepted here');
  if (kind === 'pat') {
    const { user, pat } = await verifyPat(ctx, token);
    checkTokenApp(pat.appId, appId);
    await checkAppActive(ctx, appId);
    const membership = await ctx.store.memberships.find(appId, user.id);
    return {
      kind,
      user: publicUser(user),
      session: null,
      pat: { id: pat.id, scopes: pat.scopes },
      appId,
      ...memberOf(membership),
      aal: 1,
    };
  }
  // The claims (cached after the first check) name the app and the user, so the membership is
  // read beside the session rather than after it.
  const claims = await ctx.accessTokens.verify(token);
  checkTokenApp(claims.app, appId);
  await checkAppActive(ctx, appId);
  const [found, membership] = await Promise.all([
    getSession(ctx, token),
    ctx.store.memberships.find(appId, claims.sub),
  ]);
  checkTokenApp(found.session.appId, appId);
  return {
    kind,
    user: publicUser(found.user),
    session: publicSession(found.session),
    pat: null,
    appId,
    ...memberOf(membership),
    aal: found.session.aal === 2 ? 2 : 1,
  };
}

/**
 * Throws 401 `INVALID_TOKEN` unless a token issued for `tokenApp` may be used at the app a
 * request names (`requested`: an id, or null/undefined for the default app).
 */
export function checkTokenApp(tokenApp: AppId, requested: string | null | undefined): void {
  if (tokenApp !== requestedAppId(requested)) {
    throw new GatehouseError('INVALID_TOKEN', 'This token is not valid for this app');
  }
}

/**
 * A disabled app's tokens stop working here at once (its refreshes are refused too). Read through
 * the app cache, so no database read on the hot path.
 */
async function checkAppActive(ctx: ServiceContext, appId: AppId): Promise<void> {
  const app = await ctx.apps.get(appId);
  if (!app) throw new GatehouseError('INVALID_TOKEN', 'This token is not valid for this app');
  if (app.status !== 'active') throw new GatehouseError('APP_INACTIVE', 'This app is disabled');
}

function memberOf(membership: Membership | null): Pick<Caller, 'roles' | 'plan'> {
  // Removed from the app since the token was issued: the token no longer works there.
  if (!membership) throw new GatehouseError('SESSION_NOT_FOUND', 'You are no longer a member of this app');
  return { roles: membership.roles, plan: membership.plan };
}
