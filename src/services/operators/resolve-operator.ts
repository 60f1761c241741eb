/**
 * Who is calling the admin API, and whether they may do what the route does. A bearer is
 * admitted at the app it was issued for, whatever app the request names:
 *
 * - at the console app it is an operator, with the permissions of their console roles, over
 *   every app and user;
 * - at another app, a member holding its built-in `admin` role is that app's administrator
 *   (`TENANT_ADMIN_PERMISSIONS`, and only that app and its members: see `operator-scope.ts`);
 * - anyone else gets 403 `NOT_AN_OPERATOR` on every admin route (SECURITY.md AZ-05).
 *
 * Membership and roles are read live on every request, so a demoted operator's token is refused
 * at once. A personal access token also needs an admin scope (`admin:read` to read, `admin:write`
 * to change; AZ-03). With `admin.requireMfa` (the default) a session must have passed a second
 * factor; an admin-scoped token could only be created from such a session (see create-pat.ts).
 * A session an operator started as someone else never reaches the admin API.
 */
import { grants } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, PatId, SessionId } from '../../core/ids.js';
import {
  type AdminPermission,
  adminScopeAllows,
  CONSOLE_APP_ID,
  TENANT_ADMIN_PERMISSIONS,
} from '../../core/operators.js';
import { classifyBearer } from '../../crypto/pat-token.js';
import type { ServiceContext } from '../context.js';
import { verifyPat } from '../pats/verify-pat.js';
import { permissionsOf } from '../roles/permissions-of.js';
import { getSession } from '../sessions/get-session.js';
import { type PublicUser, publicUser } from '../views.js';

export interface Operator {
  readonly user: PublicUser;
  readonly kind: 'session' | 'pat';
  /** null: a console operator, over every app; else the one app a tenant admin runs. */
  readonly appId: AppId | null;
  /** Admin permissions held now (`*` for a console admin). */
  readonly permissions: readonly string[];
  readonly sessionId: SessionId | null;
  readonly patId: PatId | null;
}

export interface AdminNeed {
  readonly permission: AdminPermission;
  /** The route changes something (a PAT then needs `admin:write`). */
  readonly write: boolean;
  /** Tenant admins may use the route (for their own app only). */
  readonly tenant?: boolean;
}

export async function resolveOperator(
  ctx: ServiceContext,
  token: string,
  need: AdminNeed,
): Promise<Operator> {
  const kind = classifyBearer(token);
  if (kind === 'share') throw new GatehouseError('INVALID_TOKEN', 'Share tokens are not accepted here');
  const bearer = kind === 'pat' ? await patBearer(ctx, token) : await sessionBearer(ctx, token);
  const { user, appId } = bearer;

  let permissions: readonly string[];
  if (appId === CONSOLE_APP_ID) {
    permissions = await permissionsOf(ctx, user.id, CONSOLE_APP_ID);
    if (permissions.length === 0) throw notAnOperator();
  } else {
    const membership = await ctx.store.memberships.find(appId, user.id);
    if (!membership?.roles.includes('admin')) throw notAnOperator();
    const app = await ctx.apps.get(appId);
    if (app?.status !== 'active') throw notAnOperator();
    permissions = TENANT_ADMIN_PERMISSIONS;
  }
  if (!grants(permissions, need.permission) || (appId !== CONSOLE_APP_ID && need.tenant !== true)) {
    throw new GatehouseError('INSUFFICIENT_PERMISSION', 'Your operator role does not allow this');
  }
  if (bearer.scopes && !adminScopeAllows(bearer.scopes, need.write)) {
    throw new GatehouseError('INSUFFICIENT_SCOPE', 'This token lacks the admin scope this needs');
  }
  if (bearer.aal === 1 && ctx.settings.admin.requireMfa) {
    throw new GatehouseError('MFA_REQUIRED', 'The admin API needs a sign-in with a second factor');
  }
  return {
    user: publicUser(user),
    kind,
    appId: appId === CONSOLE_APP_ID ? null : appId,
    permissions,
    sessionId: bearer.sessionId,
    patId: bearer.patId,
  };
}

interface Bearer {
  readonly user: Parameters<typeof publicUser>[0];
  readonly appId: AppId;
  /** A PAT's scopes; null for a session. */
  readonly scopes: readonly string[] | null;
  /** A session's assurance level; null for a PAT (held to how it was created). */
  readonly aal: 1 | 2 | null;
  readonly sessionId: SessionId | null;
  readonly patId: PatId | null;
}

async function patBearer(ctx: ServiceContext, token: string): Promise<Bearer> {
  const { user, pat } = await verifyPat(ctx, token);
  return { user, appId: pat.appId, scopes: pat.scopes, aal: null, sessionId: null, patId: pat.id };
}

async function sessionBearer(ctx: ServiceContext, token: string): Promise<Bearer> {
  const { user, session } = await getSession(ctx, token);
  if (session.impersonatorId) {
    throw new GatehouseError(
      'IMPERSONATION_RESTRICTED',
      'A session started as a user cannot use the admin API',
    );
  }
  return {
    user,
    appId: session.appId,
    scopes: null,
    aal: session.aal === 2 ? 2 : 1,
    sessionId: session.id,
    patId: null,
  };
}

function notAnOperator(): GatehouseError {
  return new GatehouseError('NOT_AN_OPERATOR', 'Only operators can use the admin API');
}
