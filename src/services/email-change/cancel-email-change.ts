/**
 * Uses a link mailed to the OLD address. While the change is pending it cancels it (the
 * confirmation link stops working). After the change it undoes it: the account moves back to the
 * old address and every session ends — the owner may be undoing a takeover, so whoever changed
 * the address is signed out too. If the password was changed as well, the owner resets it from
 * the old address.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { consumeLink, linkError, readLinkToken } from '../verification/mail-link.js';

export interface CancelEmailChangeResult {
  /** True when the change had already happened and was undone; false when it was still pending. */
  readonly reverted: boolean;
  /** The account's address now. */
  readonly email: string;
}

export async function cancelEmailChange(
  ctx: ServiceContext,
  token: string,
  client: ClientInfo = {},
): Promise<CancelEmailChangeResult> {
  const hash = readLinkToken(token);
  const now = ctx.clock.now();
  // The same path serves both old-address links.
  const link = await consumeLink(ctx, hash, ['cancel_email_change', 'revert_email_change'], now);
  const user = await ctx.store.users.findById(link.userId);
  if (user?.status !== 'active') throw linkError('unknown');

  if (user.email === link.email) {
    await ctx.store.verificationTokens.voidAll(user.id, now, 'change_email');
    await ctx.events.emit({
      type: 'email.change_cancelled',
      userId: user.id,
      client,
      data: { email: user.email, reverted: false },
    });
    return { reverted: false, email: user.email };
  }

  const outcome = await ctx.store.users.changeEmail(user.id, user.email, link.email, now, null);
  if (outcome === 'taken') {
    throw new GatehouseError('USER_EXISTS', 'Another account uses the old address now');
  }
  if (outcome === 'stale') throw linkError('unknown');
  await ctx.store.verificationTokens.voidAll(user.id, now);
  await ctx.events.emit({
    type: 'email.change_cancelled',
    userId: user.id,
    client,
    data: { from: user.email, to: link.email, reverted: true },
  });
  return { reverted: true, email: link.email };
}
