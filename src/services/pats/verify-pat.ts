/**
 * The bearer check for personal access tokens: structure first (a malformed token never reaches
 * the database), then the id's row and a constant-time compare of the secret's digest. A wrong
 * secret, an unknown id, a revoked or expired token and a user who is not active (suspended,
 * revoked, deleted) all get the same INVALID_TOKEN, so the answer says nothing about which.
 * `lastUsedAt` is written at most once a minute per token, so the hot path is reads only.
 */
import type { PersonalAccessToken } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { sameSecret } from '../../crypto/constant-time.js';
import { hashToken } from '../../crypto/opaque-token.js';
import { parsePatToken } from '../../crypto/pat-token.js';
import type { ServiceContext } from '../context.js';

/** How stale `lastUsedAt` may be: uses within this window of the last recorded one are not written. */
export const PAT_TOUCH_INTERVAL_MS = 60_000;

const invalid = () => new GatehouseError('INVALID_TOKEN', 'The personal access token is not valid');

export async function verifyPat(
  ctx: ServiceContext,
  token: string,
): Promise<{ user: User; pat: PersonalAccessToken }> {
  const parsed = parsePatToken(token);
  if (!parsed) throw invalid();
  const found = await ctx.store.pats.find(parsed.id);
  // The digest is computed whether or not the id exists, so both cases cost the same.
  const digest = hashToken(parsed.secret);
  const secretMatches = sameSecret(digest, found?.secretHash ?? '');
  const now = ctx.clock.now();
  if (
    !found ||
    !secretMatches ||
    found.token.revokedAt !== null ||
    (found.token.expiresAt !== null && found.token.expiresAt <= now) ||
    found.user.status !== 'active'
  ) {
    throw invalid();
  }
  const { token: pat, user } = found;
  if (pat.lastUsedAt === null || now - pat.lastUsedAt > PAT_TOUCH_INTERVAL_MS) {
    await ctx.store.pats.touch(pat.id, now, PAT_TOUCH_INTERVAL_MS);
  }
  return { user, pat };
}
