/**
 * Uses a link mailed to an OLD address. While the account still has that address it cancels
 * the pending change. Once the account has moved on — one change or several — it undoes them:
 * the account goes back to the address the link was sent to and every session ends (the owner
 * may be undoing a takeover, so whoever changed the address is signed out too). Either way every
 * change requested or done after the link was sent stops mattering: confirmation links die, and
 * so do the cancel and undo links later changes sent to the addresses in between — which would
 * otherwise let the one who made those changes move the account again. Old-address links sent
 * before this one stay usable. If the password was changed as well, the owner resets it from the
 * restored address. The link is spent in the transaction that cancels or undoes the change.
 */
import { GatehouseError } from '../../core/errors.js';
import { OLD_ADDRESS_PURPOSES } from '../../store/ports/verification-token-store.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkLink, linkError, readLinkToken } from '../verification/mail-link.js';
import { PENDING_CHANGE_PURPOSE } from './void-pending-change.js';

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
  const link = await checkLink(ctx, hash, OLD_ADDRESS_PURPOSES, now);
  const user = await ctx.store.users.findById(link.userId);
  if (user?.status !== 'active') throw linkError('unknown');
  // Later changes' cancel and undo links: they would move the account away again.
  const later = { purposes: OLD_ADDRESS_PURPOSES, issuedSince: link.createdAt };

  if (user.email === link.email) {
    // The pending change's confirmation link dies with the cancel link's use.
    const spent = await ctx.store.verificationTokens.spend(
      { token: link, voids: [{ purposes: [PENDING_CHANGE_PURPOSE] }, later] },
      now,
    );
    if (!spent) throw linkError('used');
    await ctx.events.emit({
      type: 'email.change_cancelled',
      userId: user.id,
      client,
      data: { email: user.email, reverted: false },
    });
    return { reverted: false, email: user.email };
  }

  // Verification and reset links went to addresses the account has left; pending confirmations
  // would move it away again.
  const outcome = await ctx.store.users.changeEmail(user.id, user.email, link.email, now, null, true, {
    token: link,
    voids: [{ purposes: ['verify_email', 'reset_password', 'change_email'] }, later],
  });
  if (outcome === 'used') throw linkError('used');
  if (outcome === 'taken') {
    throw new GatehouseError('USER_EXISTS', 'Another account uses the old address now');
  }
  if (outcome === 'stale') throw linkError('unknown');
  await ctx.events.emit({
    type: 'email.change_cancelled',
    userId: user.id,
    client,
    data: { from: user.email, to: link.email, reverted: true },
  });
  return { reverted: true, email: link.email };
}
