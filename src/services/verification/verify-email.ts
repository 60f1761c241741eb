/**
 * Uses an email-verification link: single-use, bound to the user and the address it was sent
 * to, expiring. Reused, expired, unknown and wrong-purpose links each get their own 400 code.
 */
import type { ServiceContext } from '../context.js';
import { type PublicUser, publicUser } from '../views.js';
import { consumeLink, linkError, readLinkToken } from './mail-link.js';

export async function verifyEmail(ctx: ServiceContext, token: string): Promise<PublicUser> {
  const hash = readLinkToken(token);
  const now = ctx.clock.now();
  const { userId, email } = await consumeLink(ctx, hash, 'verify_email', now);
  if (!(await ctx.store.users.markEmailVerified(userId, email, now))) throw linkError('unknown');
  const user = await ctx.store.users.findById(userId);
  if (!user) throw linkError('unknown');
  await ctx.events.emit({ type: 'email.verified', userId, data: { email } });
  return publicUser(user);
}
