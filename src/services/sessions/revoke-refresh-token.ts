/**
 * Token revocation in the manner of RFC 7009: a client that holds a refresh token (a signed-out
 * app, a lost device) ends its session without needing an access token. The answer is the same
 * whether or not the token was ours or still live, so it tells nothing to whoever sends it.
 */
import { hashToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';
import { couldBeRefreshToken } from './refresh.js';

export async function revokeRefreshToken(ctx: ServiceContext, refreshToken: string): Promise<void> {
  if (!couldBeRefreshToken(refreshToken)) return;
  const ended = await ctx.store.sessions.revokeByRefreshToken(
    hashToken(refreshToken),
    ctx.clock.now(),
    'token_revoked',
  );
  if (!ended) return;
  await ctx.events.emit({
    type: 'session.revoked',
    userId: ended.userId,
    sessionId: ended.sessionId,
    data: { reason: 'token_revoked' },
  });
}
