/**
 * Starts a session for a user who just proved who they are — every required factor passed —
 * and hands out its first tokens.
 */
import type { AssuranceLevel, AuthMethodRef, User } from '../../core/entities.js';
import type { AppId, CredentialId } from '../../core/ids.js';
import { newId } from '../../core/ids.js';
import type { RefreshToken } from '../../core/secrets.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import { accessGrant, type KnownMember } from '../apps/access-grant.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { type AuthResult, publicSession, publicUser } from '../views.js';

/** User-Agents are kept (and compared) up to this length. */
export const MAX_USER_AGENT = 512;

export interface StartSessionOptions {
  /** The app the session is for; the user must already be a member (see apps/join-app.ts). */
  readonly appId: AppId;
  /** The app and membership the caller just read for `appId`, when it has them (one read fewer). */
  readonly member?: KnownMember;
  /** Absolute lifetime; `sessionAbsoluteTtl` by default. */
  readonly ttlSeconds?: number;
  /** How the user proved who they are; a password alone by default. */
  readonly amr?: readonly AuthMethodRef[];
  readonly aal?: AssuranceLevel;
}

export async function startSession(
  ctx: ServiceContext,
  user: User,
  credentialId: CredentialId | null,
  client: ClientInfo,
  options: StartSessionOptions,
): Promise<AuthResult> {
  const amr = options.amr ?? ['pwd'];
  const aal = options.aal ?? 1;
  const now = ctx.clock.now();
  const { sessionIdleTtl, sessionAbsoluteTtl } = ctx.settings;
  const expiresAt = now + (options.ttlSeconds ?? sessionAbsoluteTtl) * 1000;
  const session = {
    id: newId('ses', now, ctx.random),
    userId: user.id,
    credentialId,
    createdAt: now,
    lastUsedAt: now,
    idleExpiresAt: Math.min(now + sessionIdleTtl * 1000, expiresAt),
    expiresAt,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    revokedAt: null,
    revokedReason: null,
    amr,
    aal,
    authenticatedAt: now,
    appId: options.appId,
  };
  // Read before the session exists: a membership or app that is gone refuses, and leaves no row.
  const grant = await accessGrant(ctx, session, options.member);
  const refreshToken = newOpaqueToken<RefreshToken>(ctx.random);
  await ctx.store.sessions.create(session, hashToken(refreshToken));
  const access = await ctx.accessTokens.issue(user.id, session.id, newJti(ctx), session, grant);
  return {
    user: publicUser(user),
    session: publicSession(session),
    accessToken: access.token,
    refreshToken,
    expiresIn: access.expiresIn,
  };
}

export function newJti(ctx: ServiceContext): string {
  return Buffer.from(ctx.random.bytes(12)).toString('base64url');
}
