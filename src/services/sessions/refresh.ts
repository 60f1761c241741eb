/**
 * Refresh-token rotation: the presented token is spent and a new pair comes back. A spent token
 * presented again ends the whole session (`REFRESH_TOKEN_REUSED`); of concurrent refreshes with
 * one token exactly one spends it (the store's promise). With `refreshReuseGrace` set, a spent
 * token presented again within that many seconds — another tab of the same app refreshing at the
 * same moment — gets the same successor (and a fresh access token) instead; past the window it
 * is reuse as before. A session an operator started as the user (impersonation) is never
 * refreshed (403 `IMPERSONATION_RESTRICTED`).
 *
 * Everything the answer needs (the session, its user, the membership, the signing key) is read before the token
 * is spent, so a database that goes away midway fails the request (503) with the token still
 * unspent — the client's retry is a refresh, not reuse. What those reads found is judged after
 * the rotation, so a spent token is reuse whatever else is wrong.
 */

import type { Session, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { TokenHash } from '../../core/secrets.js';
import { hashToken } from '../../crypto/opaque-token.js';
import { type AccessGrant, accessGrant } from '../apps/access-grant.js';
import type { ServiceContext } from '../context.js';
import { type AuthResult, publicSession, publicUser } from '../views.js';
import { requireOwnSession } from './own-session.js';
import { newJti } from './start-session.js';

/** Longest string that could be one of our refresh tokens is 43 characters; allow headroom. */
const MAX_REFRESH_TOKEN_LENGTH = 256;

/** Whether `value` could be one of our refresh tokens at all (worth a lookup). */
export function couldBeRefreshToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_REFRESH_TOKEN_LENGTH;
}

export async function refresh(ctx: ServiceContext, refreshToken: string): Promise<AuthResult> {
  if (!couldBeRefreshToken(refreshToken)) {
    throw new GatehouseError('INVALID_TOKEN', 'The refresh token is not valid');
  }
  const now = ctx.clock.now();
  const presented = hashToken(refreshToken);
  const holder = await readHolder(ctx, presented);
  if (holder === null) throw new GatehouseError('INVALID_TOKEN', 'The refresh token is not valid');
  // The signing key too: a keyring due for its reload reloads now, not after the spend.
  await ctx.keyring.signingKey();
  const next = ctx.refreshSuccessor(refreshToken);
  const rotation = await ctx.store.sessions.rotateRefreshToken(
    presented,
    hashToken(next),
    now,
    now + ctx.settings.sessionIdleTtl * 1000,
    ctx.settings.refreshReuseGrace * 1000,
  );
  if (!rotation.ok) {
    if (rotation.reason === 'reused') {
      await ctx.events.emit({
        type: 'session.refresh_reused',
        outcome: 'failure',
        userId: rotation.userId,
        sessionId: rotation.sessionId,
      });
      throw new GatehouseError(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used; the session has been ended',
      );
    }
    if (rotation.reason === 'session_ended')
      throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
    throw new GatehouseError('INVALID_TOKEN', 'The refresh token is not valid');
  }
  if (holder instanceof GatehouseError) throw holder;
  const { found, grant } = holder;
  const access = await ctx.accessTokens.issue(
    found.user.id,
    rotation.session.id,
    newJti(ctx),
    found.session,
    grant,
  );
  return {
    user: publicUser(found.user),
    session: publicSession(rotation.session),
    accessToken: access.token,
    refreshToken: next,
    expiresIn: access.expiresIn,
  };
}

/** What the reads may find that ends the refresh (not the database failing: that is thrown). */
const ENDINGS: ReadonlySet<string> = new Set(['SESSION_NOT_FOUND', 'IMPERSONATION_RESTRICTED']);

interface Holder {
  readonly found: { readonly session: Session; readonly user: User };
  readonly grant: AccessGrant;
}

/**
 * The session, its user and the membership's grant as they are now — or the error the refresh
 * ends with once the rotation has had its say; null for a token never issued. Anything else
 * (the database gone: `UNAVAILABLE`) is thrown at once, before the token is spent.
 */
async function readHolder(
  ctx: ServiceContext,
  presented: TokenHash,
): Promise<Holder | GatehouseError | null> {
  const found = await ctx.store.sessions.findWithUserByRefreshToken(presented);
  if (found === null) return null;
  try {
    if (found.user.status !== 'active')
      return new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
    // A session an operator started as the user ends at its fixed time: it never hands out a
    // refresh token, and should one turn up anyway it extends nothing.
    requireOwnSession(found.session);
    // The membership as it is now: a role or plan change shows in the token from this refresh on.
    return { found, grant: await accessGrant(ctx, found.session) };
  } catch (error) {
    if (error instanceof GatehouseError && ENDINGS.has(error.code)) return error;
    throw error;
  }
}
