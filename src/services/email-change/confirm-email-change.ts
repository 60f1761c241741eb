/**
 * Uses the link mailed to the new address: the account moves to it (verified — the user just
 * proved they read it), every other session ends, links sent to the old address stop working,
 * and the old address gets a notice with a link that undoes the change. The session confirming
 * (when the request carries one of this user's) continues; without one, every session ends.
 * A double-clicked link applies once: the second click gets `LINK_USED`. The link is spent, and
 * the links to the old address die, in the transaction that moves the address: a process killed
 * midway leaves the link unused and the address unchanged, or both done.
 */
import { GatehouseError } from '../../core/errors.js';
import type { SessionId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { checkLink, linkError, mailLink, readLinkToken } from '../verification/mail-link.js';
import { type PublicUser, publicUser } from '../views.js';
import { revertLink } from './email-change-links.js';

export async function confirmEmailChange(
  ctx: ServiceContext,
  token: string,
  accessToken?: string,
  client: ClientInfo = {},
): Promise<PublicUser> {
  const hash = readLinkToken(token);
  const now = ctx.clock.now();
  const link = await checkLink(ctx, hash, 'change_email', now);
  const user = await ctx.store.users.findById(link.userId);
  if (user?.status !== 'active') throw linkError('unknown');
  const keep = await callerSession(ctx, accessToken, user.id);
  // Links mailed to the old address (verification, reset, a pending change) must not outlive it.
  // (The old address's cancel link stays: used now, it undoes the change.)
  const outcome = await ctx.store.users.changeEmail(user.id, user.email, link.email, now, keep, true, {
    token: link,
    voids: [{ purposes: ['verify_email', 'reset_password', 'change_email'] }],
  });
  if (outcome === 'used') throw linkError('used');
  if (outcome === 'taken') {
    throw new GatehouseError('USER_EXISTS', 'Another account uses this address now');
  }
  if (outcome === 'stale') throw linkError('unknown');
  await mailLink(ctx, user, revertLink, { newEmail: link.email });
  await ctx.events.emit({
    type: 'email.changed',
    userId: user.id,
    sessionId: keep,
    client,
    data: { from: user.email, to: link.email },
  });
  return publicUser({ ...user, email: link.email, emailVerified: true, updatedAt: now });
}

async function callerSession(
  ctx: ServiceContext,
  accessToken: string | undefined,
  userId: string,
): Promise<SessionId | null> {
  if (!accessToken) return null;
  try {
    const { session } = await getSession(ctx, accessToken);
    return session.userId === userId ? session.id : null;
  } catch {
    return null;
  }
}
