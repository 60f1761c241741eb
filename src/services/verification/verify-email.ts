/**
 * Uses an email-verification link: single-use, bound to the user and the address it was sent
 * to, expiring. Reused, expired, unknown and wrong-purpose links each get their own 400 code.
 */
import { GatehouseError } from '../../core/errors.js';
import type { TokenHash } from '../../core/secrets.js';
import { hashToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';
import { type PublicUser, publicUser } from '../views.js';

const MAX_TOKEN_LENGTH = 256;

export function linkError(reason: 'unknown' | 'used' | 'expired' | 'wrong_purpose'): GatehouseError {
  if (reason === 'used') return new GatehouseError('LINK_USED', 'This link was already used');
  if (reason === 'expired')
    return new GatehouseError('LINK_EXPIRED', 'This link has expired; ask for a new one');
  return new GatehouseError('LINK_INVALID', 'This link is not valid');
}

export async function verifyEmail(ctx: ServiceContext, token: string): Promise<PublicUser> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
    throw linkError('unknown');
  const now = ctx.clock.now();
  const used = await ctx.store.verificationTokens.consume(hashToken(token) as TokenHash, 'verify_email', now);
  if (!used.ok) throw linkError(used.reason);
  const { userId, email } = used.token;
  if (!(await ctx.store.users.markEmailVerified(userId, email, now))) throw linkError('unknown');
  const user = await ctx.store.users.findById(userId);
  if (!user) throw linkError('unknown');
  await ctx.events.emit({ type: 'email.verified', userId, data: { email } });
  return publicUser(user);
}
