/**
 * Account pre-hijacking (SECURITY.md EML-03): someone signs up with another person's address and
 * never verifies it, then waits for the owner to arrive another way. When the owner does prove
 * the address — a provider that verified it, a link or code by mail — the address is taken away
 * from the unverified account and every session of that account ends; the owner then gets a
 * fresh account of their own. Nothing the first signer set up (a password, factors, profile, the
 * app's data under that user id) reaches the owner, and nothing links to it.
 *
 * The first account is not removed: it keeps whatever else it has — a username, a linked
 * provider — so someone who merely mistyped an address loses only the address, never their
 * account. An account that had nothing but the address can no longer sign in; an operator can
 * still find and remove it. Audited as `user.updated` with `data.emailReleased` and the reason.
 */
import type { User } from '../../core/entities.js';
import type { ServiceContext } from '../context.js';

/** Releases `user`'s address when it is still unverified; true when it was released. */
export async function releaseUnverifiedAddress(
  ctx: ServiceContext,
  user: User,
  reason: 'address_proven_by_provider' | 'address_proven_by_mail',
): Promise<boolean> {
  if (user.emailVerified || user.email === null) return false;
  const released = await ctx.store.users.releaseUnverifiedEmail(user.id, user.email, ctx.clock.now());
  if (released) {
    await ctx.events.emit({
      type: 'user.updated',
      userId: user.id,
      data: { emailReleased: true, reason },
    });
  }
  return released;
}
