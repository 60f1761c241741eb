/**
 * Who may create a personal access token with an admin scope (`admin:read`, `admin:write`): an
 * operator, from a session at the console app (or a tenant admin at their app), and — with
 * `admin.requireMfa` — only from a session that passed a second factor, since the token itself
 * never will. Without this, any user could mint a token the admin API then refuses only later,
 * and an aal1 session could turn itself into a lasting admin credential.
 */
import type { Session } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { ADMIN_READ_SCOPE, ADMIN_WRITE_SCOPE, CONSOLE_APP_ID } from '../../core/operators.js';
import type { ServiceContext } from '../context.js';
import { permissionsOf } from '../roles/permissions-of.js';

export async function checkAdminScopes(
  ctx: ServiceContext,
  session: Session,
  scopes: readonly string[],
): Promise<void> {
  if (!scopes.some((s) => s === ADMIN_READ_SCOPE || s === ADMIN_WRITE_SCOPE)) return;
  const operator =
    session.appId === CONSOLE_APP_ID
      ? (await permissionsOf(ctx, session.userId, CONSOLE_APP_ID)).length > 0
      : (await ctx.store.memberships.find(session.appId, session.userId))?.roles.includes('admin') === true;
  if (!operator) {
    throw new GatehouseError(
      'INSUFFICIENT_PERMISSION',
      'Only operators can create tokens with an admin scope',
    );
  }
  if (ctx.settings.admin.requireMfa && session.aal !== 2) {
    throw new GatehouseError(
      'MFA_REQUIRED',
      'Tokens with an admin scope need a sign-in with a second factor',
    );
  }
}
