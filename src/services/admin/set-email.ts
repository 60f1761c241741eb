/**
 * Operators: moves a user to another address at once, without the owner's confirmation. That is
 * what an account takeover looks like, so it always leaves a trace with the owner: the OLD
 * address gets the same notice a confirmed self-service change sends, with the link that undoes
 * the change for a week (`cancelEmailChange`). As with any address change every session ends,
 * links mailed to the old address (verification, reset, a pending self-service change) die, and
 * a pending self-service change is voided.
 *
 * `reverify: true` sets the new address unverified (in the same write that sets it, so it never
 * reads as verified meanwhile) and mails it a verification link; without it the operator vouches
 * for the address and it is set verified. A taken address is 409 `USER_EXISTS` (the store's
 * unique index decides, also between concurrent changes); the user's own address again changes
 * nothing. Only an active user's address changes (checked in the same write): a suspended one is
 * 409 `USER_NOT_ACTIVE` (reactivate first), a revoked one 409 `USER_REVOKED`, a deleted or
 * unknown one 404.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { readEmail } from '../accounts/read-email.js';
import type { ServiceContext } from '../context.js';
import { revertLink } from '../email-change/email-change-links.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { mailLink } from '../verification/mail-link.js';
import { sendVerificationMail } from '../verification/send-verification.js';

export interface EmailSetting {
  readonly email: string;
  /** Set the address unverified and mail it a verification link. Default false: set verified. */
  readonly reverify?: boolean;
}

/** A concurrent change of the same user's address makes ours stale; retry against the new one. */
const ATTEMPTS = 3;

/**
 * @example
 * await gatehouse.setUserEmail('usr_…', { email: 'new@example.com', reverify: true });
 */
export async function setUserEmail(
  ctx: ServiceContext,
  userId: string,
  input: EmailSetting,
  scope?: OperatorScope,
): Promise<{ changed: boolean }> {
  const to = readEmail(input?.email);
  if (input.reverify !== undefined && typeof input.reverify !== 'boolean') {
    throw new GatehouseError('VALIDATION_ERROR', 'reverify must be true or false', {
      issues: [{ path: 'reverify', message: 'must be true or false' }],
    });
  }
  const reverify = input.reverify === true;
  const id = await checkUserInScope(ctx, scope, userId);
  for (let attempt = 1; ; attempt++) {
    const user = await ctx.store.users.findById(id);
    if (!user || user.status === 'deleted') throw new GatehouseError('NOT_FOUND', 'No such user');
    if (user.email === to) return { changed: false };
    refuseUnlessActive(user);
    const now = ctx.clock.now();
    // One write sets the address and its flag: it never reads as verified when reverify was asked.
    const outcome = await ctx.store.users.changeEmail(id, user.email, to, now, null, !reverify);
    if (outcome === 'taken') {
      throw new GatehouseError('USER_EXISTS', 'Another account uses this address');
    }
    // The user changed meanwhile (another address, another status): look again.
    if (outcome === 'stale') {
      if (attempt < ATTEMPTS) continue;
      throw new GatehouseError('USER_NOT_ACTIVE', 'The user kept changing meanwhile; try again');
    }
    await settle(ctx, user, to, reverify, now);
    return { changed: true };
  }
}

/** What follows a change that landed: dead links, the mails, the event. */
async function settle(ctx: ServiceContext, user: User, to: string, reverify: boolean, now: number) {
  await voidPendingEmailChange(ctx, user.id, now);
  await ctx.store.verificationTokens.voidAll(user.id, now, ['verify_email', 'reset_password']);
  if (reverify) await sendVerificationMail(ctx, { ...user, email: to, emailVerified: false }, now);
  await mailLink(ctx, user, revertLink, { newEmail: to }, { now });
  await ctx.events.emit({
    type: 'email.changed',
    userId: user.id,
    data: { from: user.email, to, verified: !reverify, by: 'operator' },
  });
}

function refuseUnlessActive(user: User): void {
  if (user.status === 'revoked') throw new GatehouseError('USER_REVOKED', 'The user is revoked');
  if (user.status === 'suspended') {
    throw new GatehouseError('USER_NOT_ACTIVE', 'A suspended user’s address cannot be changed');
  }
}
