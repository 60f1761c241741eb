/**
 * The session check behind every authenticated request: a valid access token whose session is
 * still live and whose user is active. Signing out, suspension and revocation therefore take
 * effect at once, without waiting for the access token to expire. The hottest path: one
 * cached signature check and one indexed lookup; the write that slides the idle expiry
 * happens at most once a minute per session.
 */
import type { Session, User } from '../../core/entities.js';
import { sessionIsLive } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';

const TOUCH_AFTER_MS = 60_000;

export interface AuthenticatedSession {
  readonly user: User;
  readonly session: Session;
}

export async function getSession(ctx: ServiceContext, accessToken: string): Promise<AuthenticatedSession> {
  const claims = await ctx.accessTokens.verify(accessToken);
  const found = await ctx.store.sessions.findWithUser(claims.sid);
  const now = ctx.clock.now();
  if (!found || found.user.id !== claims.sub || !sessionIsLive(found.session, now)) {
    throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  }
  if (found.user.status !== 'active') throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  if (now - found.session.lastUsedAt > TOUCH_AFTER_MS) {
    const idleExpiresAt = Math.min(now + ctx.settings.sessionIdleTtl * 1000, found.session.expiresAt);
    await ctx.store.sessions.touch(found.session.id, now, idleExpiresAt);
  }
  return found;
}
