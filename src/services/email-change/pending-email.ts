/**
 * The address change waiting for its confirmation, as the account page shows it: the new
 * address and until when its link works — never the link. Whether another account holds that
 * address does not show: the requester sees the same either way (see request-email-change.ts).
 */
import type { UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import type { PendingEmail } from '../views.js';

export async function pendingEmailOf(
  ctx: ServiceContext,
  userId: UserId,
  now: number,
): Promise<PendingEmail | null> {
  const live = await ctx.store.verificationTokens.listLive(userId, now);
  // Only the newest confirmation link works (NEWEST_ONLY); pick it should an older one linger.
  let newest: (typeof live)[number] | null = null;
  for (const link of live) {
    if (link.purpose === 'change_email' && (newest === null || link.createdAt > newest.createdAt))
      newest = link;
  }
  return newest ? { email: newest.email, expiresAt: new Date(newest.expiresAt).toISOString() } : null;
}
