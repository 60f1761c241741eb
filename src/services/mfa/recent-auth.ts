/**
 * Adding or removing a factor needs a recent proof of identity, so a session left open (or a
 * stolen token) cannot swap the account's factors: a sign-in or `POST /auth/reauthenticate` at
 * most `mfa.reauthMaxAge` seconds ago. A session an operator started as the user never counts as
 * one (`IMPERSONATION_RESTRICTED`), however recent: such changes are the user's alone.
 */
import type { Session } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { type AuthenticatedSession, getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';

export function requireRecentAuth(ctx: ServiceContext, session: Session): void {
  requireOwnSession(session);
  const age = ctx.clock.now() - session.authenticatedAt;
  if (age > ctx.settings.mfa.reauthMaxAge * 1000) {
    throw new GatehouseError(
      'REAUTH_REQUIRED',
      'This change needs a recent sign-in: reauthenticate (POST /auth/reauthenticate) and try again',
    );
  }
}

/** The live session behind an access token, if its sign-in is recent; what every factor change starts with. */
export async function recentSession(ctx: ServiceContext, accessToken: string): Promise<AuthenticatedSession> {
  const found = await getSession(ctx, accessToken);
  requireRecentAuth(ctx, found.session);
  return found;
}
