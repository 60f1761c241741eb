/**
 * The signed-in user creates a personal access token for the app of their session. The token is
 * returned here and never again: only its secret's SHA-256 is stored. The owner is the caller,
 * whatever the input says, and the per-user cap holds under concurrent creation (the store
 * counts and inserts atomically).
 */
import type { PersonalAccessToken } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hashToken } from '../../crypto/opaque-token.js';
import { newPatToken, type PatToken } from '../../crypto/pat-token.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkAdminScopes } from '../operators/admin-scopes.js';
import { getSession } from '../sessions/get-session.js';
import { readPatInput } from './pat-input.js';
import { type PatView, patView } from './pat-view.js';

export interface CreatedPat {
  /** The whole token, `pat_<hex>_<secret>`: shown this once, to be sent as `Authorization: Bearer`. */
  readonly token: PatToken;
  readonly pat: PatView;
}

export async function createPat(
  ctx: ServiceContext,
  accessToken: string,
  input: unknown,
  client: ClientInfo = {},
): Promise<CreatedPat> {
  const { user, session } = await getSession(ctx, accessToken);
  const now = ctx.clock.now();
  const { pats } = ctx.settings;
  const { name, scopes, expiresAt } = readPatInput(input, now, pats.maxLifetimeDays);
  if (session.impersonatorId) {
    throw new GatehouseError(
      'IMPERSONATION_RESTRICTED',
      'Tokens cannot be created in a session started as a user',
    );
  }
  await checkAdminScopes(ctx, session, scopes);
  const id = newId('pat', now, ctx.random);
  const { token, secret } = newPatToken(id, ctx.random);
  const pat: PersonalAccessToken = {
    id,
    userId: user.id,
    appId: session.appId,
    name,
    scopes,
    createdAt: now,
    expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  if (!(await ctx.store.pats.createWithinCap(pat, hashToken(secret), pats.maxPerUser, now))) {
    throw new GatehouseError(
      'TOKEN_LIMIT_REACHED',
      `At most ${pats.maxPerUser} personal access tokens per user: revoke one first`,
    );
  }
  await ctx.events.emit({
    type: 'pat.created',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { patId: id, appId: session.appId, scopes: scopes.join(' ') },
  });
  return { token, pat: patView(pat) };
}
