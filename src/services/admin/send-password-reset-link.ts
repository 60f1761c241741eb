/**
 * Operators: mails a user a password-reset link to their stored address — an operator never
 * sees or sets a password, and the answer carries no link or token. 409 `USER_NOT_ACTIVE` or
 * 422 `EMAIL_MISSING` when no mail can go out. Counted per user against `limits.mailPerAccount`
 * (429 `RATE_LIMITED` past it). Emits `password.reset_requested`, as the user's own request does.
 *
 * @example
 * await gatehouse.sendPasswordResetLink('usr_…');
 */
import type { ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { mailResetLink } from '../passwords/request-reset.js';
import { findAccessTarget } from './access-target.js';
import { mailableAddress } from './mail-target.js';

export async function sendPasswordResetLink(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<void> {
  const user = await findAccessTarget(ctx, scope, userId);
  const email = mailableAddress(user);
  await limitMailFor(ctx, 'operator-reset', user.id);
  await mailResetLink(ctx, email, {}, ctx.clock.now());
}
