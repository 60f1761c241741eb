/**
 * Uses an email-verification link: single-use, bound to the user and the address it was sent
 * to, expiring. Reused, expired, unknown and wrong-purpose links each get their own 400 code.
 * The link is spent in the transaction that marks the address verified.
 */
import type { ServiceContext } from '../context.js';
import { type PublicUser, publicUser } from '../views.js';
import { checkLink, linkError, readLinkToken } from './mail-link.js';

export async function verifyEmail(ctx: ServiceContext, token: string): Promise<PublicUser> {
  const hash = readLinkToken(token);
  const now = ctx.clock.now();
  const link = await checkLink(ctx, hash, 'verify_email', now);
  const { userId, email } = link;
  const outcome = await ctx.store.users.markEmailVerified(userId, email, now, { token: link, voids: [] });
  if (outcome === 'used') throw linkError('used');
  if (outcome === 'stale') throw linkError('unknown');
  const user = await ctx.store.users.findById(userId);
  if (!user) throw linkError('unknown');
  await ctx.events.emit({ type: 'email.verified', userId, data: { email } });
  return publicUser(user);
}
