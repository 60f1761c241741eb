/**
 * Signs out: the caller's session ends, so its access and refresh tokens stop working at once.
 * With `everywhere`, every session of the user ends — the answer to "I left myself signed in
 * somewhere" and to a suspected takeover — and a pending address change is voided with them.
 * With `others`, the same happens except that the caller's own session stays: "sign out my other
 * devices" from the one in hand.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';
import { getSession } from './get-session.js';
import { signOutOthers } from './sign-out-others.js';

export interface SignOutOptions {
  /** End every session of the user, not only the caller's. */
  readonly everywhere?: boolean;
  /** End every session of the user except the caller's (not together with `everywhere`). */
  readonly others?: boolean;
}

export async function signOut(
  ctx: ServiceContext,
  accessToken: string,
  options: SignOutOptions = {},
): Promise<void> {
  if (options.everywhere === true && options.others === true) {
    throw new GatehouseError('VALIDATION_ERROR', 'everywhere and others do not go together', {
      issues: [{ path: 'others', message: 'not together with everywhere' }],
    });
  }
  const { session, user } = await getSession(ctx, accessToken);
  const now = ctx.clock.now();
  if (options.others === true) {
    await signOutOthers(ctx, user.id, session.id, now);
    return;
  }
  if (options.everywhere === true) {
    const ended = await ctx.store.sessions.revokeAllForUser(user.id, now, 'sign_out_everywhere');
    await voidPendingEmailChange(ctx, user.id, now);
    await ctx.events.emit({
      type: 'session.revoked',
      userId: user.id,
      sessionId: session.id,
      data: { reason: 'sign_out_everywhere', sessions: ended },
    });
    return;
  }
  const revoked = await ctx.store.sessions.revoke(session.id, now, 'sign_out', user.id);
  if (!revoked) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  await ctx.events.emit({
    type: 'session.revoked',
    userId: user.id,
    sessionId: session.id,
    data: { reason: 'sign_out' },
  });
}
